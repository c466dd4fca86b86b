using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>Deletes ended windows every <c>IdentityHub:RateLimits:CleanupInterval</c> (idempotent; any node may run it).</summary>
public sealed partial class RateLimitCleanup(IServiceScopeFactory scopes, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, ILogger<RateLimitCleanup> logger) : BackgroundService
{
    /// <summary>One pass; returns how many windows were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRateLimitStore>().DeleteExpiredAsync(time.GetUtcNow(), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.RateLimits.CleanupInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var count = await RunOnceAsync(stoppingToken);
                    LogDeleted(count);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} ended rate-limit window(s)")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The rate-limit cleanup failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
