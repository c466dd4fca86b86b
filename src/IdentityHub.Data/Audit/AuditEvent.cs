namespace IdentityHub.Data.Audit;

/// <summary>
/// One security-relevant event. <see cref="Reference"/> is the short number shown to the user, which
/// the help desk looks up. Never holds a code, password or secret.
/// </summary>
public class AuditEvent
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Whom the event is about.</summary>
    public string? UserId { get; set; }

    /// <summary>Who did it, when not the user themself: an administrator's user id or a service's client id (D9).</summary>
    public string? ActorId { get; set; }

    /// <summary>The organization of the subject, so that its administrators can read their part of the log (D9).</summary>
    public string? OrganizationId { get; set; }

    public string? ClientId { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>The browser and system in words, from the request's user agent ("Chrome on Windows"); null without one.</summary>
    public string? Device { get; set; }

    public required string Event { get; set; }

    public required string Outcome { get; set; }

    public required string Reference { get; set; }

    public string? Detail { get; set; }

    /// <summary>
    /// The record's place in the tamper-evident chain (D9), given when it is sealed; null until then. Sealing
    /// happens seconds after the write, in order, by one node at a time (decision 0029).
    /// </summary>
    public long? Sequence { get; set; }

    /// <summary>The hash of the record sealed before this one (64 zeros for the first), lower-case hex.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of this record's fields, its sequence and <see cref="PreviousHash"/>, lower-case hex.</summary>
    public string? Hash { get; set; }

    /// <summary>The fields the chain's hash covers.</summary>
    public Core.Audit.ChainedFields Chained() =>
        new(Id, OccurredAt, UserId, ActorId, OrganizationId, ClientId, IpAddress, Device, Event, Outcome, Reference, Detail);
}
