using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Mfa;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Sessions;

/// <summary>What ending a user's sessions took away.</summary>
public sealed record EndedSessions(long RevokedTokens, int ForgottenDevices)
{
    public override string ToString() => $"{RevokedTokens} token(s) revoked, {ForgottenDevices} remembered device(s) forgotten";
}

/// <summary>
/// Ends every session of a user (A12): a new security stamp makes every browser's sign-in cookie
/// fail at its next check (IdentityHub:Session:RevalidationInterval); every token and authorization
/// the portals hold is revoked, so no refresh works; remembered devices are forgotten, since one
/// would otherwise let the password alone back in.
/// </summary>
public sealed class UserSessions(
    IdentityHubDbContext db,
    UserManager<IdentityHubUser> users,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    RememberedDevices devices)
{
    /// <summary>How often a new stamp is tried when other requests change the user at the same moment.</summary>
    private const int StampAttempts = 5;

    public async Task<EndedSessions> EndAllAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        await NewSecurityStampAsync(user, cancellationToken);
        var revoked = await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        var forgotten = await devices.RevokeAsync(user.Id);
        return new EndedSessions(revoked, forgotten);
    }

    /// <summary>
    /// Any new stamp ends the other sessions, so when another request changed the user first (sign out
    /// everywhere in another tab) the record is read again and stamped again; never a stamp left unsaved.
    /// </summary>
    private async Task NewSecurityStampAsync(IdentityHubUser user, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await users.UpdateSecurityStampAsync(user);
            if (!ConcurrentChangeException.IsConcurrencyFailure(result))
            {
                return;
            }

            if (attempt == StampAttempts)
            {
                throw new ConcurrentChangeException("The user record kept changing while its sessions were being ended.");
            }

            await db.Entry(user).ReloadAsync(cancellationToken);
        }
    }
}
