using System.Threading.RateLimiting;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// The node's concurrency limiter for each endpoint group (<see cref="OverloadOptions"/>), made once at start-up
/// from the settings and the node's cores. Discovery, keys, health and static files belong to no group: they are
/// cheap, and load balancers and portals poll them.
/// </summary>
public sealed class OverloadLimiters : IDisposable
{
    public OverloadLimiters(IOptions<IdentityHubOptions> options)
    {
        var overload = options.Value.Overload;
        RetryAfter = overload.RetryAfter;
        if (overload.Enabled)
        {
            var cores = Environment.ProcessorCount;
            Tokens = Group("tokens", overload.Tokens, cores);
            Authorization = Group("authorization", overload.Authorization, cores);
            Pages = Group("pages", overload.Pages, cores);
        }
    }

    public TimeSpan RetryAfter { get; }

    public EndpointGroup? Tokens { get; }

    public EndpointGroup? Authorization { get; }

    public EndpointGroup? Pages { get; }

    /// <summary>The groups made (none with the limits off), for the gauges of their queues.</summary>
    public IEnumerable<EndpointGroup> All => new[] { Tokens, Authorization, Pages }.OfType<EndpointGroup>();

    /// <summary>The group a path belongs to; null for what is not limited (or with the limits off).</summary>
    public EndpointGroup? For(PathString path)
    {
        if (path.StartsWithSegments("/connect", out var rest))
        {
            return rest.Value switch
            {
                "/token" or "/introspect" or "/revoke" or "/par" or "/userinfo" => Tokens,
                "/authorize" or "/endsession" => Authorization,
                _ when rest.StartsWithSegments("/register") => Tokens,
                _ => Pages,
            };
        }

        return IsUnlimited(path) ? null : Pages;
    }

    private static bool IsUnlimited(PathString path) =>
        path.StartsWithSegments("/.well-known") || path.StartsWithSegments("/health") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/js") || path.StartsWithSegments("/css") || path.StartsWithSegments("/branding")
        || path.StartsWithSegments("/favicon.ico");

    private static EndpointGroup Group(string name, ConcurrencyLimit limit, int cores)
    {
        var concurrentRequests = limit.ConcurrentRequestsFor(cores);
        return new(name, Limiter(limit, concurrentRequests, cores), limit.MaxQueueTime, concurrentRequests);
    }

    private static ConcurrencyLimiter Limiter(ConcurrencyLimit limit, int concurrentRequests, int cores) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = concurrentRequests,
        QueueLimit = limit.QueueFor(cores),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        Tokens?.Limiter.Dispose();
        Authorization?.Limiter.Dispose();
        Pages?.Limiter.Dispose();
    }
}

/// <summary>
/// One endpoint group's name (a metric tag), limiter, how long a request may wait in its queue, and how many
/// requests it works on at once (for the gauge of those in progress).
/// </summary>
public sealed record EndpointGroup(string Name, ConcurrencyLimiter Limiter, TimeSpan MaxQueueTime, int ConcurrentRequests)
{
    /// <summary>Requests waiting for a turn now.</summary>
    public long Queued => Limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Requests holding a turn now.</summary>
    public long InProgress => ConcurrentRequests - (Limiter.GetStatistics()?.CurrentAvailablePermits ?? ConcurrentRequests);
}
