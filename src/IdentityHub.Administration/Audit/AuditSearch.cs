using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Audit;

/// <summary>
/// Reads the audit trail (D9) by time range, user, actor, organization, event, outcome and reference number,
/// newest first: a page at a time for the API and the console, or every matching event as a stream for the
/// exports (read as they are written out, never held in memory). The plan's staff read every event; an
/// organization's administrators only the events that name their organization: a filter on another
/// organization finds nothing (the same answer as an organization without events, so it tells them nothing).
/// General users read none.
/// </summary>
public sealed class AuditSearch(IdentityHubDbContext db)
{
    public async Task<AdminResult<Page<AuditEventView>>> ListAsync(
        AdminCaller caller, AuditFilter filter, int page = 1, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        if (Visible(caller, filter) is not { } events)
        {
            return Refused<Page<AuditEventView>>();
        }

        var size = Math.Clamp(pageSize, 1, 100);
        var number = Math.Max(page, 1);
        var total = await events.CountAsync(cancellationToken);
        var items = await Newest(events).Skip((number - 1) * size).Take(size).Select(AuditEventView.Of).ToListAsync(cancellationToken);
        return new AdminResult<Page<AuditEventView>>.Done(new Page<AuditEventView>(items, total, number, size));
    }

    /// <summary>Every matching event, newest first, read from the database as the caller consumes them (one query, no tracking).</summary>
    public AdminResult<IAsyncEnumerable<AuditEventView>> Stream(AdminCaller caller, AuditFilter filter) =>
        Visible(caller, filter) is { } events
            ? new AdminResult<IAsyncEnumerable<AuditEventView>>.Done(Newest(events).Select(AuditEventView.Of).AsAsyncEnumerable())
            : Refused<IAsyncEnumerable<AuditEventView>>();

    /// <summary>The user names of the accounts among <paramref name="ids"/> (the actors and subjects of a page already read), by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> UserNamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return wanted.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking()
                .Where(u => wanted.Contains(u.Id) && u.UserName != null)
                .ToDictionaryAsync(u => u.Id, u => u.UserName!, StringComparer.Ordinal, cancellationToken);
    }

    private static IOrderedQueryable<AuditEvent> Newest(IQueryable<AuditEvent> events) =>
        events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);

    /// <summary>The events the caller may read that match the filter; null when the caller may read none.</summary>
    private IQueryable<AuditEvent>? Visible(AdminCaller caller, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        if (!caller.IsAdministrator)
        {
            return null;
        }

        var events = db.AuditEvents.AsNoTracking();
        if (!caller.Role.IsPlatformStaff())
        {
            var own = caller.OrganizationId;
            events = own is null ? events.Where(e => false) : events.Where(e => e.OrganizationId == own);
        }

        if (filter.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        if (filter.UserId is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (filter.ActorId is { } actorId)
        {
            events = events.Where(e => e.ActorId == actorId);
        }

        if (filter.OrganizationId is { } organizationId)
        {
            events = events.Where(e => e.OrganizationId == organizationId);
        }

        if (filter.Event is { } name)
        {
            events = events.Where(e => e.Event == name);
        }

        if (filter.Outcome is { } outcome)
        {
            events = events.Where(e => e.Outcome == outcome);
        }

        if (filter.Reference is { } reference)
        {
            events = events.Where(e => e.Reference == reference);
        }

        return events;
    }

    private static AdminResult<T>.Forbidden Refused<T>() => new("Only administrators and the plan's staff read the audit trail.");
}
