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
            Tokens = new("tokens", Limiter(overload.Tokens, cores), overload.Tokens.MaxQueueTime);
            Authorization = new("authorization", Limiter(overload.Authorization, cores), overload.Authorization.MaxQueueTime);
            Pages = new("pages", Limiter(overload.Pages, cores), overload.Pages.MaxQueueTime);
        }
    }

    public TimeSpan RetryAfter { get; }

    public EndpointGroup? Tokens { get; }

    public EndpointGroup? Authorization { get; }

    public EndpointGroup? Pages { get; }

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

    private static ConcurrencyLimiter Limiter(ConcurrencyLimit limit, int cores) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limit.ConcurrentRequestsFor(cores),
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

/// <summary>One endpoint group's name (a metric tag), limiter and how long a request may wait in its queue.</summary>
public sealed record EndpointGroup(string Name, ConcurrencyLimiter Limiter, TimeSpan MaxQueueTime);
