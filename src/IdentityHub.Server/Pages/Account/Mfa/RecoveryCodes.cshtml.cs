using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>The new recovery codes, shown once during the sign-in that made them.</summary>
public sealed class RecoveryCodesModel(SignInFlow flow, SignInAttempts attempts) : PageModel
{
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt?.PendingRecoveryCodes is not { } codes)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        Codes = codes;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt with { PendingRecoveryCodes = null }));
    }
}
