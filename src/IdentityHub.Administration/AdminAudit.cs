using IdentityHub.Core.Audit;
using IdentityHub.Data;
using IdentityHub.Data.Audit;

namespace IdentityHub.Administration;

/// <summary>
/// Audits an administrative action (D6, D9): who did it, to whom, in which organization. The event joins
/// the action's own changes and is saved in the same round trip; its reference goes back to the caller.
/// </summary>
public sealed class AdminAudit(IdentityHubDbContext db, TimeProvider time)
{
    public string Add(AdminCaller caller, string @event, string? subjectUserId, string? organizationId, string? detail = null) =>
        Add(caller.UserId, @event, subjectUserId, organizationId, detail);

    /// <summary>An event with no signed-in actor (<paramref name="actorId"/> null), such as a request from the public registration page.</summary>
    public string Add(string? actorId, string @event, string? subjectUserId, string? organizationId, string? detail = null)
    {
        var entry = new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            UserId = subjectUserId,
            ActorId = actorId,
            OrganizationId = organizationId,
            Event = @event,
            Outcome = "succeeded",
            Reference = AuditReferences.New(),
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        };
        db.AuditEvents.Add(entry);
        return entry.Reference;
    }
}
