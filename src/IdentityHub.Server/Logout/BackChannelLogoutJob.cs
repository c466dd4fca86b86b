using IdentityHub.Server.Sessions;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Single logout in the background, on every node: ends sessions that lapsed with portals signed in to them, then
/// sends the logout tokens that are due (<see cref="BackChannelLogouts"/>). Runs at start, whenever a request on this
/// node ends sessions (<see cref="LogoutSignal"/>), and every <c>Logout:PollInterval</c> for retries and for
/// sessions ended by the admin host or another node.
/// </summary>
public sealed partial class BackChannelLogoutJob(
    IServiceScopeFactory scopes,
    LogoutSignal signal,
    Microsoft.Extensions.Options.IOptionsMonitor<Configuration.IdentityHubOptions> options,
    TimeProvider time,
    ILogger<BackChannelLogoutJob> logger) : BackgroundService
{
    /// <summary>One run now, in its own scope; returns the logout tokens posted (tests call it too).</summary>
    public async Task<int> RunNowAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SessionRecords>().EndLapsedAsync(cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<BackChannelLogouts>().SendDueAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunNowAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }

                await signal.WaitAsync(options.CurrentValue.Logout.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending back-channel logout tokens failed; the job tries again at its next run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
