using IdentityHub.Data;
using IdentityHub.Data.Sessions;
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
        await db.SecurityProfiles.AsNoTracking()
            .Where(p => p.ClientId == clientId)
            .OrderBy(p => p.DisplayName)
            .Select(p => new PortalProfile(
                p.Id,
                p.Role,
                p.DisplayName,
                p.Description,
                db.UserProfiles.Any(a => a.UserId == userId && a.ProfileId == p.Id),
                db.SessionClients.Any(s => s.SessionId == sessionId && s.ClientId == clientId && s.ProfileId == p.Id)))
            .ToListAsync(cancellationToken);

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
