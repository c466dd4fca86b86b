using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>
/// Enrollment, step 3: enter the code sent to the new destination; the method is then saved. Like the challenge,
/// it offers the help desk and, during a sign-in on a portal that allows it, to remember this device.
/// </summary>
public sealed class EnrollVerifyModel(
    EnrollmentWizard wizard,
    CodeChallenges codes,
    EnrolledMethods methods,
    ClientPolicies policies,
    SignInFlow flow,
    AccountNotices notices,
    AuditLog audit,
    RememberedDevices devices,
    MethodTexts methodTexts,
    CodeMessagesForPeople messages,
    IStringLocalizer<MfaText> text,
    IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    /// <summary>How many digits the code has (<c>IdentityHub:Mfa:Codes:Length</c>).</summary>
    public int Digits => options.CurrentValue.Mfa.Codes.Length;

    public string SentTo { get; private set; } = "";

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? Reference { get; private set; }

    public string Validity { get; private set; } = "";

    /// <summary>How the code travels (email, text message, phone call).</summary>
    public CodeChannel Channel { get; private set; }

    public string? HelpDeskPhone { get; private set; }

    /// <summary>Whether "remember this device" is offered: a sign-in (not adding a method) on a portal that allows it.</summary>
    public bool CanRememberDevice { get; private set; }

    public string RememberFor { get; private set; } = "";

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
            ModelState.AddModelError(nameof(Code), text["CodeError.Malformed", Digits]);
            return Page();
        }

        var enrollment = state.Enrollment;
        var result = await codes.VerifyAsync(state.User, CodePurposes.Enrollment, enrollment.Id, Code!, state.Attempt.ClientId, cancellationToken: HttpContext.RequestAborted);
        if (result.Outcome != CodeCheck.Accepted)
        {
            wizard.Save(HttpContext, state.Attempt, enrollment);
            ErrorMessage = messages.For(result, options.CurrentValue.Mfa.Codes);
            return Page();
        }

        ProvenDestinations.Confirm(state.User, enrollment.Kind!.Value, enrollment.Destination!);
        var method = await methods.AddAsync(state.User.Id, enrollment.Kind!.Value, enrollment.Destination!,
            usedToSignIn: state.Attempt.Purpose != AttemptPurpose.AddMethod);
        var notice = await notices.SendAsync(state.User, AccountChange.MethodAdded, method, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.method_added", "succeeded", state.User.Id, state.Attempt.ClientId, $"{method.Kind} {SentTo}; {notice.Delivered}", notice.Reference);

        // Proving the new method with its code is a second factor for this sign-in (M6: continue).
        var attempt = state.Attempt.WithMethod(method.Amr(), wizard.Now) with { Enrollment = null, ChallengeMethodId = method.Id };
        if (RememberDevice && CanRememberDevice)
        {
            var preset = options.CurrentValue.Mfa.Preset;
            await devices.RememberAsync(HttpContext, state.User.Id, AssuranceLevels.For(attempt.Methods, preset), attempt.Methods);
        }

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
        var policy = await policies.ForAsync(state.Attempt.ClientId);
        var result = await codes.SendAsync(state.User, state.Enrollment.Kind!.Value, state.Enrollment.Destination!, CodePurposes.Enrollment,
            state.Enrollment.Id, policy, CodeMessagesForPeople.LanguageOf(Request), state.Attempt.Reference, HttpContext.RequestAborted);
        ErrorMessage = messages.For(result, policy.HelpDeskPhone);
        if (result is SendResult.Sent sent)
        {
            Reference = sent.Reference;
            Notice = text["MfaCode.NewCodeSent"];
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

        var method = MfaMethods.Of(state.Enrollment.Kind!.Value);
        SentTo = method.Mask(state.Enrollment.Destination);
        Channel = method.Channel ?? CodeChannel.Email;
        Reference ??= state.Attempt.Reference;
        Validity = methodTexts.Duration(options.CurrentValue.Mfa.Codes.Lifetime);
        var policy = await policies.ForAsync(state.Attempt.ClientId);
        HelpDeskPhone = policy.HelpDeskPhone;
        CanRememberDevice = policy.AllowRememberDevice && state.Attempt.Purpose == AttemptPurpose.SignIn;
        RememberFor = methodTexts.Duration(options.CurrentValue.Mfa.RememberDevice.Lifetime);
        return (state, null);
    }
}
