using StackExchange.Redis;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// Counters in Redis (<c>IdentityHub:RateLimits:Redis</c>): one key per window, <c>INCRBY</c> and
/// <c>EXPIREAT</c> at the window's end sent together, so Redis deletes ended windows itself.
/// </summary>
public sealed class RedisRateLimitStore(IConnectionMultiplexer redis) : IRateLimitStore
{
    private const string Prefix = "identityhub:ratelimit:";

    public async Task<IReadOnlyList<int>> AddAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var counts = new List<Task<long>>(hits.Count);
        var expiries = new List<Task>(hits.Count);
        foreach (var hit in hits)
        {
            var key = KeyOf(hit);
            counts.Add(batch.StringIncrementAsync(key, hit.Increment));
            expiries.Add(batch.KeyExpireAsync(key, hit.WindowEnd.UtcDateTime));
        }

        batch.Execute();
        await Task.WhenAll(expiries.Append(Task.WhenAll(counts))).WaitAsync(cancellationToken);
        return [.. counts.Select(count => (int)Math.Min(int.MaxValue, count.Result))];
    }

    /// <summary>Rare (a password reset, an unlock): scans the policy's keys of the account on each server.</summary>
    public async Task ResetAsync(string policy, string keyPrefix, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            await foreach (var key in server.KeysAsync(database.Database, $"{Prefix}{policy}:{keyPrefix}*").WithCancellation(cancellationToken))
            {
                await database.KeyDeleteAsync(key);
            }
        }
    }

    /// <summary>Redis expires each window at its end.</summary>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    private static RedisKey KeyOf(RateLimitHit hit) => $"{Prefix}{hit.Policy}:{hit.PartitionKey}:{hit.WindowStart.ToUnixTimeSeconds()}";
}
