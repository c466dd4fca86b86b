using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IdentityHub.Accounts;

/// <summary>What ending a user's sessions took away.</summary>
public sealed record EndedSessions(int Sessions, long RevokedTokens, int ForgottenDevices)
{
    public override string ToString() =>
        $"{Sessions} session(s) ended, {RevokedTokens} token(s) revoked, {ForgottenDevices} remembered device(s) forgotten";
}

/// <summary>
/// Ends every session of a user (A12), from either host: their records end, so every browser's cookie is
/// refused within <c>Session:CacheLifetime</c> on every token server node; a new security stamp backs that
/// up; every token and authorization the portals hold is revoked, so no refresh works; remembered devices
/// are forgotten, since one would otherwise let the password alone back in. A token server node also
/// forgets its own cached copies (its <c>UserSessions</c>). Each session this call ends owes its portals a
/// back-channel logout token (<see cref="LogoutDeliveryQueue"/>), written in the same transaction as the new stamp.
/// </summary>
public sealed class AccountSessions(
    IdentityHubDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    RememberedDeviceRevocations devices,
    LogoutDeliveryQueue logouts,
    TimeProvider time)
{
    /// <summary>How often a new stamp is tried when other requests change the user at the same moment.</summary>
    private const int StampAttempts = 5;

    /// <summary>
    /// Ends them all, or all but <paramref name="keep"/> (the session asking, for "sign out everywhere else").
    /// Saves the user's record (with whatever else the caller changed on it) under the new stamp.
    /// </summary>
    public async Task<EndedSessions> EndAllAsync(IdentityHubUser user, string reason, string? keep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var open = await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt == null && s.Id != keep).Select(s => s.Id).ToListAsync(cancellationToken);
        var ended = new List<(string, string)>();
        foreach (var id in open)
        {
            // One conditional update each: a session ended at the same moment by another request is that request's to log out.
            if (await db.Sessions.Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken) == 1)
            {
                ended.Add((id, user.Id));
            }
        }

        await logouts.AddForAsync(ended, cancellationToken);
        await NewSecurityStampAsync(user, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        var sessions = ended.Count;
        var revoked = await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        var forgotten = await devices.RevokeAsync(user.Id, cancellationToken: cancellationToken);
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
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < StampAttempts)
            {
                await db.Entry(user).ReloadAsync(cancellationToken);
            }
        }
    }
}
