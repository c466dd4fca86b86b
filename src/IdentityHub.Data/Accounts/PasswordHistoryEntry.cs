namespace IdentityHub.Data.Accounts;

/// <summary>A former password's hash, so that the last N cannot be chosen again (A2).</summary>
public class PasswordHistoryEntry
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
