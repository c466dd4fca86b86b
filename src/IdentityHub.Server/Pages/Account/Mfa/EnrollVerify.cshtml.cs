using IdentityHub.Core.Mfa;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>Enrollment, step 3: enter the code sent to the new destination; the method is then saved.</summary>
public sealed class EnrollVerifyModel(
    EnrollmentWizard wizard,
    CodeChallenges codes,
    EnrolledMethods methods,
    ClientPolicies policies,
    SignInFlow flow,
    AccountNotices notices,
    AuditLog audit,
    IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>How many digits the code has (<c>IdentityHub:Mfa:Codes:Length</c>).</summary>
    public int Digits => options.CurrentValue.Mfa.Codes.Length;

    public string SentTo { get; private set; } = "";

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? Reference { get; private set; }

    public string Validity { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var (state, redirect) = await LoadAsync();
        return state is null ? LocalRedirect(redirect!) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (state, redirect) = await LoadAsync();
        if (state is null)
        {
            return LocalRedirect(redirect!);
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 20)
        {
            ModelState.AddModelError(nameof(Code), $"Enter the {Digits}-digit code.");
            return Page();
        }

        var enrollment = state.Enrollment;
        var result = await codes.VerifyAsync(state.User, CodePurposes.Enrollment, enrollment.Id, Code!, state.Attempt.ClientId, cancellationToken: HttpContext.RequestAborted);
        if (result.Outcome != CodeCheck.Accepted)
        {
            wizard.Save(HttpContext, state.Attempt, enrollment);
            ErrorMessage = CodeMessagesForPeople.For(result, options.CurrentValue.Mfa.Codes);
            return Page();
        }

        ProvenDestinations.Confirm(state.User, enrollment.Kind!.Value, enrollment.Destination!);
        var method = await methods.AddAsync(state.User.Id, enrollment.Kind!.Value, enrollment.Destination!,
            usedToSignIn: state.Attempt.Purpose != AttemptPurpose.AddMethod);
        var notice = await notices.SendAsync(state.User, AccountChange.MethodAdded, AccountNotices.Describe(method), cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.method_added", "succeeded", state.User.Id, state.Attempt.ClientId, $"{method.Kind} {SentTo}; {notice.Delivered}", notice.Reference);

        // Proving the new method with its code is a second factor for this sign-in (M6: continue).
        var attempt = state.Attempt.WithMethod(method.Amr(), wizard.Now) with { Enrollment = null, ChallengeMethodId = method.Id };
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        var (state, redirect) = await LoadAsync();
        if (state is null)
        {
            return LocalRedirect(redirect!);
        }

        wizard.Save(HttpContext, state.Attempt, state.Enrollment);
        var policy = policies.For(state.Attempt.ClientId);
        var result = await codes.SendAsync(state.User, state.Enrollment.Kind!.Value, state.Enrollment.Destination!, CodePurposes.Enrollment,
            state.Enrollment.Id, policy, CodeMessagesForPeople.LanguageOf(Request), state.Attempt.Reference, HttpContext.RequestAborted);
        ErrorMessage = CodeMessagesForPeople.For(result, policy.HelpDeskPhone);
        if (result is SendResult.Sent sent)
        {
            Reference = sent.Reference;
            Notice = "A new code has been sent.";
        }

        return Page();
    }

    private async Task<(WizardState? State, string? Redirect)> LoadAsync()
    {
        var (state, redirect) = await wizard.LoadAsync(HttpContext);
        if (state is null)
        {
            return (null, redirect);
        }

        if (state.Enrollment.Destination is null)
        {
            return (null, "/account/mfa/enroll/destination");
        }

        SentTo = MfaMethods.Of(state.Enrollment.Kind!.Value).Mask(state.Enrollment.Destination);
        Reference ??= state.Attempt.Reference;
        Validity = ChallengeModel.Describe(options.CurrentValue.Mfa.Codes.Lifetime);
        return (state, null);
    }
}
