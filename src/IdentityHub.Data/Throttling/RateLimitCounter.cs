namespace IdentityHub.Data.Throttling;

/// <summary>
/// One fixed window of one rate limit for one partition (a network address, an account, a client):
/// how many requests it has counted. Every node counts in the same row, so a limit holds across nodes.
/// Times are Unix seconds, so that raw upserts read the same on PostgreSQL and SQLite.
/// </summary>
public class RateLimitCounter
{
    /// <summary>The limit's name, e.g. <c>sign-in/address</c>.</summary>
    public required string Policy { get; set; }

    /// <summary>A SHA-256 hash of the partition's value (no address, username or email is stored as such).</summary>
    public required string PartitionKey { get; set; }

    /// <summary>Unix seconds at which the window began.</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }

    /// <summary>Unix seconds after which the row is of no use and the cleanup deletes it.</summary>
    public long ExpiresAt { get; set; }
}
