using IdentityHub.Data;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Governance;

/// <summary>A portal's security profile as one person sees it at sign-in: whether they hold it, whether this session chose it.</summary>
public sealed record PortalProfile(string Id, string Role, string DisplayName, string? Description, bool Held, bool Chosen);

/// <summary>
/// The security profiles at sign-in (D4, A13): which of a portal's profiles a person holds and which one this
/// session chose for it (kept in the session's record of the portal), and whether a profile a token names is
/// still held (the refresh check).
/// </summary>
public sealed class PortalProfiles(IdentityHubDbContext db, TimeProvider time)
{
    /// <summary>Every profile of the portal, in one round trip; empty for a portal without profiles.</summary>
    public async Task<IReadOnlyList<PortalProfile>> ForAsync(string userId, string clientId, string? sessionId, CancellationToken cancellationToken = default) =>
        await Of(userId, clientId, sessionId).ToListAsync(cancellationToken);

    /// <summary>
    /// The person's record (untracked: for reading) and the portal's profiles as they see them, in the one round
    /// trip the authorization endpoint spends on the person, so that single sign-on to a portal costs nothing more.
    /// </summary>
    public async Task<(IdentityHubUser? User, IReadOnlyList<PortalProfile> Profiles)> UserWithProfilesAsync(string userId, string clientId, string? sessionId, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            // SQLite (the embedded database) cannot run the joined form: two reads.
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            return (user, user is null ? [] : await ForAsync(userId, clientId, sessionId, cancellationToken));
        }

        var profiles = Of(userId, clientId, sessionId); // a captured query: EF inlines it as a join
        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { User = u, Profiles = profiles.ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return (found?.User, found?.Profiles ?? []);
    }

    private IQueryable<PortalProfile> Of(string userId, string clientId, string? sessionId) =>
        db.SecurityProfiles.AsNoTracking()
            .Where(p => p.ClientId == clientId)
            .OrderBy(p => p.DisplayName)
            .Select(p => new PortalProfile(
                p.Id,
                p.Role,
                p.DisplayName,
                p.Description,
                db.UserProfiles.Any(a => a.UserId == userId && a.ProfileId == p.Id),
                db.SessionClients.Any(s => s.SessionId == sessionId && s.ClientId == clientId && s.ProfileId == p.Id)));

    /// <summary>Keeps the choice for the rest of the session (until switched).</summary>
    public async Task ChooseAsync(string sessionId, string clientId, string profileId, CancellationToken cancellationToken = default)
    {
        if (await db.SessionClients.Where(s => s.SessionId == sessionId && s.ClientId == clientId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ProfileId, profileId), cancellationToken) > 0)
        {
            return;
        }

        db.SessionClients.Add(new ServerSessionClient { SessionId = sessionId, ClientId = clientId, FirstUsedAt = time.GetUtcNow(), ProfileId = profileId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The authorization endpoint noted the portal at the same moment: set the choice on its row.
            db.ChangeTracker.Clear();
            await db.SessionClients.Where(s => s.SessionId == sessionId && s.ClientId == clientId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.ProfileId, profileId), cancellationToken);
        }
    }

    /// <summary>
    /// The profile's role claim now, or null when the person no longer holds it (removed, taken from their
    /// organization, deleted) or their access is suspended (D7): then a refresh is refused.
    /// </summary>
    public Task<string?> RoleIfStillHeldAsync(string userId, string profileId, CancellationToken cancellationToken = default) =>
        db.SecurityProfiles.AsNoTracking()
            .Where(p => p.Id == profileId
                && db.UserProfiles.Any(a => a.UserId == userId && a.ProfileId == p.Id)
                && !db.AccessReviews.Any(r => r.UserId == userId && r.SuspendedAt != null))
            .Select(p => p.Role)
            .FirstOrDefaultAsync(cancellationToken);
}
