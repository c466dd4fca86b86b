using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>Deletes ended windows every <c>IdentityHub:RateLimits:CleanupInterval</c> (idempotent; any node may run it).</summary>
public sealed class RateLimitCleanup(IServiceScopeFactory scopes, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, ILogger<RateLimitCleanup> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override string Name => "rate-limit cleanup (ended windows deleted)";

    protected override TimeSpan Interval => options.CurrentValue.RateLimits.CleanupInterval;

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IRateLimitStore>().DeleteExpiredAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
}
