using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Audit;

/// <summary>One event behind a reference number, as the help desk reads it (D8).</summary>
public sealed record ReferencedEvent(
    DateTimeOffset OccurredAt, string Event, string Outcome, string? ActorId, string? ActorUserName, string? UserId, string? UserName, string? Detail);

/// <summary>
/// The help desk's look-up (D8): a caller reads out the reference number a page or an email showed them,
/// and the plan's staff see the events behind it. An organization's administrators see only the events of
/// their own organization (and the token server's events about its people); any other reference is "not
/// found", as is one that matches nothing.
/// </summary>
public sealed class ReferenceLookup(IdentityHubDbContext db)
{
    /// <summary>How many events one reference may show (a delivery's attempts share the reference of its code).</summary>
    public const int MaxEvents = 50;

    public async Task<AdminResult<IReadOnlyList<ReferencedEvent>>> FindAsync(AdminCaller caller, string? reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdministrator)
        {
            return new AdminResult<IReadOnlyList<ReferencedEvent>>.Forbidden("Only the help desk and administrators look up reference numbers.");
        }

        if (AuditReferenceInput.Normalize(reference) is not { } normalized)
        {
            return new AdminResult<IReadOnlyList<ReferencedEvent>>.Invalid(new Dictionary<string, string[]>
            {
                ["reference"] = ["Enter the reference number as 8 letters and digits, for example 4F7K-9QXM."],
            });
        }

        var events = db.AuditEvents.AsNoTracking().Where(e => e.Reference == normalized);
        if (!caller.Role.IsPlatformStaff())
        {
            // Their organization's events, and the token server's events about their people (those name no organization).
            var organizationId = caller.OrganizationId;
            events = events.Where(e => e.OrganizationId == organizationId
                || e.OrganizationId == null && db.Users.Any(u => u.Id == e.UserId && u.OrganizationId == organizationId));
        }

        var found = await events
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Take(MaxEvents)
            .Select(e => new ReferencedEvent(
                e.OccurredAt, e.Event, e.Outcome, e.ActorId,
                db.Users.Where(u => u.Id == e.ActorId).Select(u => u.UserName).FirstOrDefault(),
                e.UserId,
                db.Users.Where(u => u.Id == e.UserId).Select(u => u.UserName).FirstOrDefault(),
                e.Detail))
            .ToListAsync(cancellationToken);
        return found.Count == 0
            ? new AdminResult<IReadOnlyList<ReferencedEvent>>.NotFound()
            : new AdminResult<IReadOnlyList<ReferencedEvent>>.Done(found);
    }
}
