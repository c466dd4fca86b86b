namespace IdentityHub.Data.Audit;

/// <summary>
/// One security-relevant event. <see cref="Reference"/> is the short number shown to the user, which
/// the help desk looks up. Never holds a code, password or secret.
/// </summary>
public class AuditEvent
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public DateTimeOffset OccurredAt { get; set; }

    public string? UserId { get; set; }

    public string? ClientId { get; set; }

    public string? IpAddress { get; set; }

    public required string Event { get; set; }

    public required string Outcome { get; set; }

    public required string Reference { get; set; }

    public string? Detail { get; set; }
}
