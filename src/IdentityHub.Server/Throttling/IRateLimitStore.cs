namespace IdentityHub.Server.Throttling;

/// <summary>
/// Where the counters live, shared by every node: the database by default, Redis when
/// <c>IdentityHub:RateLimits:Redis</c> is set.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Adds each hit's increment (0 only reads) to its window's counter, creating it if needed, in one
    /// round trip; returns the counts after the increments, in the order of <paramref name="hits"/>.
    /// </summary>
    Task<IReadOnlyList<int>> AddAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken);

    /// <summary>Forgets every window of <paramref name="policy"/> whose partition key starts with <paramref name="keyPrefix"/>.</summary>
    Task ResetAsync(string policy, string keyPrefix, CancellationToken cancellationToken);

    /// <summary>Deletes windows that ended before <paramref name="now"/>; returns how many (0 where the store expires them itself).</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>One counted request: the policy, the partition's key, the window's start and end.</summary>
public sealed record RateLimitHit(string Policy, string PartitionKey, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int Increment = 1);
