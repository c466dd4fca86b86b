using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Passwords;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace IdentityHub.Server.Import;

/// <summary>
/// The sign-in page's password check. Identity does the work (lockout counting, and the re-hash that
/// replaces a legacy hash with its own); when the stored hash was an imported legacy one (A10), this
/// also decides whether the password may be kept: if it meets the current policy it stays; if not,
/// the user must choose a new one at the password-change step, after the second factor.
/// </summary>
public sealed class ImportedPasswordCheck(UserManager<IdentityHubUser> users, SignInManager<IdentityHubUser> signIn, AuditLog audit, Telemetry.IdentityHubMetrics metrics)
{
    public async Task<SignInResult> CheckAsync(IdentityHubUser user, string password, string? clientId)
    {
        var legacyScheme = LegacyAwarePasswordHasher.SchemeOf(user.PasswordHash);
        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut && !lockedBefore)
        {
            metrics.PasswordLockout();
        }

        if (!result.Succeeded || legacyScheme is null)
        {
            return result;
        }

        var failures = await PolicyFailuresAsync(user, password);
        if (failures.Count > 0)
        {
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
        }

        await audit.RecordAsync(
            "password.legacy_verified",
            failures.Count == 0 ? "kept" : "change_required",
            user.Id,
            clientId,
            $"{legacyScheme} replaced; {(failures.Count == 0 ? "meets the current policy" : "fails " + string.Join(", ", failures))}");
        return result;
    }

    /// <summary>The current policy's objections, except "used recently": the password is the same one, being kept.</summary>
    private async Task<List<string>> PolicyFailuresAsync(IdentityHubUser user, string password)
    {
        var failures = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var outcome = await validator.ValidateAsync(users, user, password);
            failures.AddRange(outcome.Errors.Select(error => error.Code).Where(code => code != nameof(PasswordProblem.Reused)));
        }

        return failures;
    }
}
