using IdentityHub.Accounts;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Account;

/// <summary>
/// The command line turning an account off and on (A12, D6), through the shared rules
/// (<see cref="AccountAccess"/>). Turning it off ends every session at once (their records end), revokes
/// its tokens and authorizations so no refresh works, and forgets its remembered devices. Turning it on
/// also clears a lockout and the inactivity mark.
/// </summary>
public sealed class AccountSwitch(
    UserManager<IdentityHubUser> users,
    UserSessions sessions,
    AccountAccess access,
    AuditLog audit)
{
    /// <summary>Turns the account off; returns how many tokens were revoked.</summary>
    public async Task<long> DisableAsync(IdentityHubUser user, string? actor, CancellationToken cancellationToken = default)
    {
        access.TurnOff(user);
        var ended = await sessions.EndAllAsync(user, SessionEndReasons.AccountDisabled, cancellationToken: cancellationToken);
        await audit.RecordAsync("account.disabled", "succeeded", user.Id, detail: $"by {actor ?? "an administrator"}; {ended}", cancellationToken: cancellationToken);
        return ended.RevokedTokens;
    }

    /// <summary>Turns the account back on, whatever turned it off (an administrator, inactivity, a lockout).</summary>
    public async Task EnableAsync(IdentityHubUser user, string? actor, CancellationToken cancellationToken = default)
    {
        await access.TurnOnAsync(user, cancellationToken);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
        }

        await audit.RecordAsync("account.enabled", "succeeded", user.Id, detail: $"by {actor ?? "an administrator"}", cancellationToken: cancellationToken);
    }
}
