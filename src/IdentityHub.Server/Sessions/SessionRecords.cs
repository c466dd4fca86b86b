using IdentityHub.Core.Secrets;
using IdentityHub.Core.Sessions;
using IdentityHub.Data;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Sessions;

/// <summary>How a person has just authenticated: the facts a session record keeps.</summary>
public sealed record Authentication(DateTimeOffset At, IReadOnlyList<string> Methods, string Acr);

/// <summary>
/// The server-side session records (A12): begun at sign-in, checked on every signed-in request (through
/// <see cref="SessionCache"/>), ended by sign-out, "sign out everywhere", a password reset, an administrator,
/// the person on the account page, or their idle and absolute lifetimes.
/// </summary>
public sealed class SessionRecords(
    IdentityHubDbContext db,
    SessionCache cache,
    Accounts.LogoutDeliveryQueue logouts,
    Logout.LogoutSignal logoutSignal,
    Logout.SessionAuthorizations authorizations,
    IHttpContextAccessor http,
    IOptionsMonitor<IdentityHubOptions> options,
    TimeProvider time)
{
    private Configuration.SessionOptions Settings => options.CurrentValue.Session;

    /// <summary>
    /// Records a completed sign-in. The same person signing in again in a browser whose session is alive
    /// (a step-up, <c>prompt=login</c>) keeps the session and its id, with the new facts; anyone else gets a
    /// new session, and a session of someone else in this browser ends. Notes the portal the sign-in is for
    /// (the authorization endpoint then finds it noted and writes nothing). Adds to the context: the caller saves.
    /// </summary>
    public async Task<string> BeginAsync(HttpContext http, string userId, Authentication authentication, string? clientId, SignedInSession? current)
    {
        logoutSignal.NoteIssuer(http);
        var now = time.GetUtcNow();
        if (current is not null && await FindAliveAsync(current.SessionId, current.UserId, http.RequestAborted) is { } alive)
        {
            if (alive.UserId == userId)
            {
                await db.Sessions.Where(s => s.Id == alive.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.AuthenticatedAt, authentication.At)
                    .SetProperty(s => s.Methods, string.Join(' ', authentication.Methods))
                    .SetProperty(s => s.Acr, authentication.Acr)
                    .SetProperty(s => s.LastSeenAt, now), http.RequestAborted);
                var renewed = alive with { LastSeenAt = now };
                cache.Remember(renewed);
                if (IsClientId(clientId))
                {
                    AddClient(renewed, clientId, now);
                }

                return alive.Id;
            }

            await EndAsync(alive.Id, SessionEndReasons.Replaced, cancellationToken: http.RequestAborted);
        }

        var record = new ServerSession
        {
            Id = BearerSecrets.New(16),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = authentication.At + Settings.AbsoluteLifetime,
            AuthenticatedAt = authentication.At,
            Methods = string.Join(' ', authentication.Methods),
            Acr = authentication.Acr,
            Device = DeviceDescription.From(http.Request.Headers.UserAgent.ToString()),
            NetworkAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        if (IsClientId(clientId))
        {
            record.Clients.Add(new ServerSessionClient { SessionId = record.Id, ClientId = clientId, FirstUsedAt = now });
        }

        db.Sessions.Add(record);
        cache.Remember(LiveSession.Of(record));
        return record.Id;
    }

    /// <summary>
    /// The session behind a cookie if it is alive and the user's; ends it when its lifetime is over. Writes
    /// "last seen" at most once per <c>Session:LastSeenPrecision</c>.
    /// </summary>
    public async Task<LiveSession?> FindAliveAsync(string sessionId, string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = cache.Find(sessionId);
        if (session is not null && session.EndReasonAt(now, Settings.IdleTimeout) is not null)
        {
            session = null; // Another node may have seen the person since: ask the record itself.
        }

        session ??= await ReadAsync(sessionId, cancellationToken);
        if (session is null || session.UserId != userId)
        {
            return null;
        }

        if (session.EndReasonAt(now, Settings.IdleTimeout) is { } reason)
        {
            if (session.EndedAt is null)
            {
                await EndAsync(session.Id, reason, cancellationToken: cancellationToken);
            }

            return null;
        }

        if (now - session.LastSeenAt >= Settings.LastSeenPrecision)
        {
            await db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            session = session with { LastSeenAt = now };
        }

        cache.Remember(session);
        return session;
    }

    /// <summary>Notes that the session signed in to a portal (for single logout); one insert the first time only.</summary>
    public async Task RecordClientAsync(LiveSession session, string clientId, CancellationToken cancellationToken = default)
    {
        if (AddClient(session, clientId, time.GetUtcNow()) is not { } entry)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request of the same session recorded it first (or the session was just deleted).
            db.Entry(entry).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Ends one session (only if it is <paramref name="ownedBy"/>'s, when given); false if it had already ended. Its
    /// portals' back-channel logout tokens are queued in the same transaction (unless it only sat idle and
    /// <c>Logout:OnIdleTimeout</c> is off) and this node's sender is woken.
    /// </summary>
    public async Task<bool> EndAsync(string sessionId, string reason, string? ownedBy = null, CancellationToken cancellationToken = default)
    {
        cache.Forget(sessionId);
        var now = time.GetUtcNow();
        var open = db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null && (ownedBy == null || s.UserId == ownedBy));
        var userId = await open.Select(s => s.UserId).FirstOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return false;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (await open.ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken) == 0)
        {
            return false; // ended by another request in between: that one logs the portals out
        }

        var queued = reason != SessionEndReasons.IdleTimeout || options.CurrentValue.Logout.OnIdleTimeout
            ? await logouts.AddForAsync([(sessionId, userId)], cancellationToken)
            : 0;
        if (queued > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (queued > 0)
        {
            logoutSignal.Raise(http.HttpContext);
        }

        // A session someone ended takes its portals' refresh tokens with it. One that merely lapsed does not:
        // refresh tokens have lifetimes of their own, and offline_access is meant to outlive the browser's sign-in.
        if (reason is not (SessionEndReasons.Expired or SessionEndReasons.IdleTimeout))
        {
            await authorizations.RevokeAsync(userId, sessionId, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Ends the sessions that portals signed in to and whose absolute lifetime is over (and, with
    /// <c>Logout:OnIdleTimeout</c>, those idle too long) though no browser came back to end them, so their portals
    /// are logged out; returns how many. The back-channel logout job calls it on every run.
    /// </summary>
    public async Task<int> EndLapsedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // The record's "last seen" may lag the truth by Session:LastSeenPrecision.
        var idleBefore = now - Settings.IdleTimeout - Settings.LastSeenPrecision;
        var open = db.Sessions.AsNoTracking().Where(s => s.EndedAt == null && s.Clients.Any());
        var lapsed = await (options.CurrentValue.Logout.OnIdleTimeout
                ? open.Where(s => s.ExpiresAt <= now || s.LastSeenAt < idleBefore)
                : open.Where(s => s.ExpiresAt <= now))
            .OrderBy(s => s.ExpiresAt).Take(200).Select(s => new { s.Id, s.ExpiresAt }).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var session in lapsed)
        {
            var reason = session.ExpiresAt <= now ? SessionEndReasons.Expired : SessionEndReasons.IdleTimeout;
            ended += await EndAsync(session.Id, reason, cancellationToken: cancellationToken) ? 1 : 0;
        }

        return ended;
    }

    /// <summary>The person's sessions that are alive, most recently used first.</summary>
    public async Task<IReadOnlyList<ServerSession>> ListAliveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var open = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        return open.Where(s => LiveSession.Of(s).EndReasonAt(now, Settings.IdleTimeout) is null).OrderByDescending(s => s.LastSeenAt).ToList();
    }

    /// <summary>
    /// Deletes records that ended or expired longer ago than <c>Session:RecordRetention</c>, and the logout deliveries
    /// that were sent or given up on as long ago; returns how many sessions.
    /// </summary>
    public async Task<int> DeleteOldAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - Settings.RecordRetention;
        await db.LogoutDeliveries.Where(d => d.CreatedAt < before && d.NextAttemptAt == null).ExecuteDeleteAsync(cancellationToken);
        return await db.Sessions.Where(s => s.EndedAt < before || s.ExpiresAt < before || s.LastSeenAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<LiveSession?> ReadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await db.Sessions.AsNoTracking().Include(s => s.Clients).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return record is null ? null : LiveSession.Of(record);
    }

    /// <summary>
    /// The sign-in's client id comes from its return address, before the authorization endpoint has checked
    /// it: only something shaped like a client id is noted (a made-up one can only be noted on one's own session).
    /// </summary>
    private static bool IsClientId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? clientId) =>
        clientId is { Length: > 0 and <= 100 } && clientId.All(c => c is > ' ' and <= '~');

    private ServerSessionClient? AddClient(LiveSession session, string clientId, DateTimeOffset now)
    {
        if (session.ClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return null;
        }

        var entry = new ServerSessionClient { SessionId = session.Id, ClientId = clientId, FirstUsedAt = now };
        db.SessionClients.Add(entry);
        cache.Remember(session with { ClientIds = [.. session.ClientIds, clientId] });
        return entry;
    }
}
