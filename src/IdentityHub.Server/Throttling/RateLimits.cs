using System.Security.Cryptography;
using System.Text;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// Counts a request against the limits that apply to it (per network address, per account) in one
/// round trip to the shared store, and says whether it may go on or how long to wait. Windows are
/// fixed and read the injected clock.
/// </summary>
public sealed class RateLimits(IRateLimitStore store, ClientAddresses addresses, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, Telemetry.IdentityHubMetrics metrics)
{
    public RateLimitOptions Settings => options.CurrentValue.RateLimits;

    public string AddressOf(HttpContext http) => addresses.Of(http);

    /// <summary>Counts the request; the first limit passed decides the wait.</summary>
    public async Task<RateLimitDecision> CountAsync(IReadOnlyList<RateLimitCount> counts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hits = counts.Select(count => Hit(count, now)).ToList();
        var totals = await store.AddAsync(hits, cancellationToken);
        var wait = TimeSpan.Zero;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i].Increment > 0 && totals[i] > counts[i].Rule.Limit)
            {
                metrics.RateLimited(counts[i].Policy);
                var left = hits[i].WindowEnd - now;
                wait = left > wait ? left : wait;
            }
        }

        return new RateLimitDecision(totals, wait);
    }

    /// <summary>The window of <paramref name="rule"/> that holds <paramref name="now"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowOf(RateLimitRule rule, DateTimeOffset now)
    {
        var length = Math.Max(1, (long)rule.Window.TotalSeconds);
        var seconds = now.ToUnixTimeSeconds();
        var start = DateTimeOffset.FromUnixTimeSeconds(seconds - (seconds % length));
        return (start, start.AddSeconds(length));
    }

    /// <summary>
    /// The partition key: a SHA-256 of each part (lower-cased), so the table holds no address,
    /// username or email, and all of one account's keys share a prefix.
    /// </summary>
    public static string Key(params string[] parts) => Accounts.RateLimitKeys.Key(parts);

    private static RateLimitHit Hit(RateLimitCount count, DateTimeOffset now)
    {
        var (start, end) = WindowOf(count.Rule, now);
        return new RateLimitHit(count.Policy, count.PartitionKey, start, end, count.Increment);
    }
}

/// <summary>One limit a request counts against: its policy name, its rule and the partition's key.</summary>
public sealed record RateLimitCount(string Policy, RateLimitRule Rule, string PartitionKey, int Increment = 1);

/// <summary>The counts after this request, and how long to wait (zero: go on).</summary>
public sealed record RateLimitDecision(IReadOnlyList<int> Counts, TimeSpan RetryAfter)
{
    public bool Allowed => RetryAfter <= TimeSpan.Zero;
}
