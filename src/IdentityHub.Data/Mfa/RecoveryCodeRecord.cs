namespace IdentityHub.Data.Mfa;

/// <summary>One of a user's ten single-use recovery codes, stored only as a salted hash.</summary>
public class RecoveryCodeRecord
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public required string Hash { get; set; }

    public required string Salt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
