using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Mfa;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Sessions;

/// <summary>What ending a user's sessions took away.</summary>
public sealed record EndedSessions(int Sessions, long RevokedTokens, int ForgottenDevices)
{
    public override string ToString() =>
        $"{Sessions} session(s) ended, {RevokedTokens} token(s) revoked, {ForgottenDevices} remembered device(s) forgotten";
}

/// <summary>
/// Ends every session of a user (A12): their records end, so every browser's cookie is refused at its next
/// request on this node and within <c>Session:CacheLifetime</c> on the others; a new security stamp backs
/// that up; every token and authorization the portals hold is revoked, so no refresh works; remembered
/// devices are forgotten, since one would otherwise let the password alone back in.
/// </summary>
public sealed class UserSessions(
    IdentityHubDbContext db,
    UserManager<IdentityHubUser> users,
    SessionRecords records,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    RememberedDevices devices)
{
    /// <summary>How often a new stamp is tried when other requests change the user at the same moment.</summary>
    private const int StampAttempts = 5;

    /// <summary>Ends them all, or all but <paramref name="keep"/> (the session asking, for "sign out everywhere else").</summary>
    public async Task<EndedSessions> EndAllAsync(IdentityHubUser user, string reason, string? keep = null, CancellationToken cancellationToken = default)
    {
        var sessions = await records.EndAllAsync(user.Id, reason, keep, cancellationToken);
        await NewSecurityStampAsync(user, cancellationToken);
        var revoked = await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        var forgotten = await devices.RevokeAsync(user.Id);
        return new EndedSessions(sessions, revoked, forgotten);
    }

    /// <summary>
    /// When another request changed the user first (sign out everywhere in another tab) the record is read
    /// again and stamped again; never a stamp left unsaved.
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
