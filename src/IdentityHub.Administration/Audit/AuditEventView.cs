using IdentityHub.Data.Audit;

namespace IdentityHub.Administration.Audit;

/// <summary>
/// One audit event as the API, the console and the exports show it: when, what and how it ended, who did it
/// (<see cref="ActorId"/>: an administrator's user id or a service's client id; none when the person did it
/// themself), whom it is about (<see cref="UserId"/>), their organization, the portal, the network address
/// and device, the reference number, the detail, and its place in the chain (null until sealed).
/// </summary>
public sealed record AuditEventView(
    string Id,
    DateTimeOffset OccurredAt,
    string Event,
    string Outcome,
    string? ActorId,
    string? UserId,
    string? OrganizationId,
    string? ClientId,
    string? IpAddress,
    string? Device,
    string Reference,
    string? Detail,
    long? Sequence,
    string? Hash)
{
    /// <summary>The projection, for queries (translated to SQL: only these columns are read).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<AuditEvent, AuditEventView>> Of = e => new AuditEventView(
        e.Id, e.OccurredAt, e.Event, e.Outcome, e.ActorId, e.UserId, e.OrganizationId, e.ClientId, e.IpAddress, e.Device, e.Reference, e.Detail, e.Sequence, e.Hash);
}
