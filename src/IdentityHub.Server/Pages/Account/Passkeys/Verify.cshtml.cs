using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Passkeys;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Passkeys;

/// <summary>
/// A passkey as the second factor of a sign-in or step-up in progress (the challenge page's "Use a
/// passkey"). Only the passkeys of the attempt's user are offered, and only theirs are accepted.
/// </summary>
public sealed class VerifyModel(
    PasskeyCeremonies passkeys,
    SignInAttempts attempts,
    UserManager<IdentityHubUser> users,
    SignInFlow flow,
    MfaLockout lockout,
    AuditLog audit,
    IStringLocalizer<MfaText> text,
    TimeProvider time) : PageModel
{
    internal const string ChallengePage = "/account/mfa/challenge";

    [BindProperty]
    public string? CredentialJson { get; set; }

    public string? ErrorMessage { get; private set; }

    public IActionResult OnGet() => LocalRedirect(ChallengePage);

    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var (_, user) = await LoadAsync();
        if (user is null)
        {
            return new JsonResult(new { redirect = EnrollmentWizard.SignInAgainPage });
        }

        if (!await passkeys.HasAnyAsync(user))
        {
            return BadRequest(new { error = text["PasskeyVerify.NoPasskey"].Value });
        }

        return Content(await passkeys.RequestOptionsAsync(user), "application/json");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (attempt, user) = await LoadAsync();
        if (attempt is null || user is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        if (lockout.IsLocked(user))
        {
            ErrorMessage = lockout.LockedMessage;
            return Page();
        }

        var (passkey, detail) = await passkeys.VerifyAsync(CredentialJson);
        if (passkey is null || passkey.User.Id != attempt.UserId)
        {
            var verdict = lockout.Fail(user, "passkey", attempt.ClientId);
            await audit.RecordAsync("mfa.passkey_verified", "failed", attempt.UserId, attempt.ClientId, passkey is null ? detail : "passkey of another user");
            ErrorMessage = verdict.LockedNow ? lockout.LockedMessage : text["PasskeyScript.Get"];
            return Page();
        }

        lockout.Succeed(user);
        await audit.RecordAsync("mfa.passkey_verified", "succeeded", attempt.UserId, attempt.ClientId, $"amr {passkey.Amr}");
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt.WithMethod(passkey.Amr, time.GetUtcNow())));
    }

    private async Task<(SignInAttempt? Attempt, IdentityHubUser? User)> LoadAsync()
    {
        var attempt = attempts.Read(HttpContext);
        var user = attempt is null ? null : await users.FindByIdAsync(attempt.UserId);
        return (attempt, user);
    }
}
