using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>
/// Signing in with a recovery code instead of a second factor. It counts as one; afterwards the page
/// says how many codes are left and suggests adding a method.
/// </summary>
public sealed class RecoveryModel(
    UserManager<IdentityHubUser> users,
    SignInAttempts attempts,
    RecoveryCodeStore store,
    SignInFlow flow,
    CodeMessagesForPeople messages,
    IStringLocalizer<MfaText> text,
    IOptionsMonitor<IdentityHubOptions> options,
    TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "MfaRecovery.CodeNeeded")]
    [StringLength(40, ErrorMessage = "MfaRecovery.CodeNeeded")]
    public string? Code { get; set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Set once a code was accepted: how many are left.</summary>
    public int? Remaining { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        Remaining = attempt.RecoveryCodesLeft;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = attempts.Read(HttpContext);
        var user = attempt is null ? null : await users.FindByIdAsync(attempt.UserId);
        if (attempt is null || user is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        if (attempt.RecoveryCodesLeft is { } alreadyLeft)
        {
            // A code was already accepted for this sign-in: never use up a second one.
            ModelState.Clear();
            Remaining = alreadyLeft;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (outcome, remaining) = await store.RedeemAsync(user, Code!, attempt.ClientId);
        if (outcome != CodeCheck.Accepted)
        {
            ErrorMessage = outcome == CodeCheck.AccountLocked
                ? messages.Locked(options.CurrentValue.Mfa.Codes)
                : text["MfaRecovery.Refused"];
            return Page();
        }

        attempt = attempt.WithMethod(Core.Assurance.AuthenticationMethods.OneTimePassword, time.GetUtcNow()) with { RecoveryCodesLeft = remaining };
        attempts.Save(HttpContext, attempt);
        Remaining = remaining;
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostContinueAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt?.RecoveryCodesLeft is null)
        {
            return LocalRedirect(attempt is null ? EnrollmentWizard.SignInAgainPage : "/account/mfa/challenge");
        }

        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt with { RecoveryCodesLeft = null }));
    }
}
