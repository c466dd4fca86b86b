using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>Enrollment, step 1 (M6): choose how to receive codes. There is no skip (M1).</summary>
public sealed class EnrollModel(EnrollmentWizard wizard, MethodTexts methodTexts, IStringLocalizer<MfaText> text, IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool TimedOut { get; set; }

    [BindProperty]
    public MfaMethodKind? Method { get; set; }

    public string? ErrorMessage { get; private set; }

    public bool AddingMethod { get; private set; }

    /// <summary>The inactivity limit in words, for the timed-out message.</summary>
    public string Timeout => methodTexts.Duration(options.CurrentValue.Mfa.EnrollmentTimeout);

    public IReadOnlyList<(MfaMethodKind Kind, string? Note)> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var (attempt, _, redirect) = await wizard.LoadAttemptAsync(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(redirect!);
        }

        Describe(attempt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (attempt, _, redirect) = await wizard.LoadAttemptAsync(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(redirect!);
        }

        Describe(attempt);
        if (Method is not { } kind || Choices.All(choice => choice.Kind != kind))
        {
            ErrorMessage = text["Enroll.ChooseOne"];
            return Page();
        }

        wizard.Save(HttpContext, attempt, new EnrollmentProgress(SignInAttempt.NewId(), kind, null, wizard.Now));
        return RedirectToPage(MfaMethods.Of(kind).SendsCode ? "/Account/Mfa/EnrollDestination" : "/Account/Mfa/EnrollAuthenticator");
    }

    private void Describe(SignInAttempt attempt)
    {
        AddingMethod = attempt.Purpose == AttemptPurpose.AddMethod;
        var mfa = options.CurrentValue.Mfa;
        Choices = mfa.Methods
            .Select(kind => (kind, assurance: MfaMethods.Of(kind).AssuranceUnder(mfa.Preset)))
            .Where(choice => choice.assurance.CountsAsSecondFactor)
            .Select(choice => (choice.kind, choice.assurance.Restricted ? methodTexts.Reason(choice.assurance) : null))
            .ToList();
    }
}
