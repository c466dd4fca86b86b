using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Keys;

/// <summary>
/// Loads the key ring before the server accepts requests, then re-reads it on a timer so that a
/// rotation (or a key another node created) reaches this node without a restart.
/// </summary>
internal sealed partial class KeyRingRefresher(KeyRing ring, IOptions<IdentityHubOptions> options, TimeProvider time, ILogger<KeyRingRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.Keys.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                // Off the timer's callback, as PeriodicJob does.
                await Task.Yield();
                try
                {
                    await ring.RefreshAsync(stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Keep signing with the keys already loaded; the next tick tries again.
                    LogRefreshFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not refresh the key ring")]
    private partial void LogRefreshFailed(Exception exception);
}
