using IdentityHub.Core.Accounts;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Account;

/// <summary>
/// An administrator's password reset (A4, D6): a generated temporary password that must be
/// replaced at the next sign-in, after the second factor. It also unlocks the account (unless an
/// administrator turned it off) and ends every session, so whoever held the old password is out.
/// </summary>
public sealed class TemporaryPasswords(UserManager<IdentityHubUser> users, UserSessions sessions, AuditLog audit, TimeProvider time)
{
    /// <summary>Sets and returns a new temporary password, to be given to the person over a trusted channel.</summary>
    public async Task<string> IssueAsync(IdentityHubUser user, string? actor, CancellationToken cancellationToken = default)
    {
        var password = GeneratedPasswords.New();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            // Only a policy stricter than the generator (a custom validator) can refuse it.
            throw new InvalidOperationException("The temporary password was refused: " + string.Join(" ", result.Errors.Select(error => error.Description)));
        }

        user.MustChangePassword = true;
        user.Reactivate(time.GetUtcNow());
        await users.UpdateAsync(user);
        var ended = await sessions.EndAllAsync(user, SessionEndReasons.Administrator, cancellationToken: cancellationToken);
        await audit.RecordAsync("account.temporary_password", "succeeded", user.Id, detail: $"by {actor ?? "an administrator"}; {ended}", cancellationToken: cancellationToken);
        return password;
    }
}
