namespace IdentityHub.Server.Throttling;

/// <summary>
/// Remembers identifiers that may be used once only (a client assertion's <c>jti</c>) in the store every node shares,
/// until they could no longer be accepted anyway: the first use is counted, any later one is refused. One round trip.
/// </summary>
public sealed class OneTimeIds(IRateLimitStore store, TimeProvider time)
{
    /// <summary>True the first time <paramref name="id"/> is seen for <paramref name="purpose"/> before <paramref name="usableUntil"/>; false after.</summary>
    public async Task<bool> FirstUseAsync(string purpose, string id, DateTimeOffset usableUntil, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var end = usableUntil > now ? usableUntil : now.AddSeconds(1);
        // One window from the epoch to the end of usability: the same row for every use of the id.
        var counts = await store.AddAsync([new RateLimitHit(purpose, RateLimits.Key(id), DateTimeOffset.UnixEpoch, end)], cancellationToken);
        return counts[0] == 1;
    }
}
