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
            Tokens = Limiter(overload.Tokens, cores);
            Authorization = Limiter(overload.Authorization, cores);
            Pages = Limiter(overload.Pages, cores);
        }
    }

    public TimeSpan RetryAfter { get; }

    public ConcurrencyLimiter? Tokens { get; }

    public ConcurrencyLimiter? Authorization { get; }

    public ConcurrencyLimiter? Pages { get; }

    /// <summary>The limiter of the group a path belongs to; null for what is not limited (or with the limits off).</summary>
    public ConcurrencyLimiter? For(PathString path)
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

    private static ConcurrencyLimiter Limiter(ConcurrencyLimit limit, int cores) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limit.ConcurrentRequestsFor(cores),
        QueueLimit = limit.QueueFor(cores),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        Tokens?.Dispose();
        Authorization?.Dispose();
        Pages?.Dispose();
    }
}
