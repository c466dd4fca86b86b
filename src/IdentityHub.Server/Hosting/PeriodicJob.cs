namespace IdentityHub.Server.Hosting;

/// <summary>
/// Background work on a timer of the injected clock: runs once at start, then every <see cref="Interval"/>,
/// each run in its own scope. A failed run is logged and tried again at the next tick.
/// </summary>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>What the job does, for the log ("session cleanup").</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; returns how many things it changed (logged when more than none).</summary>
    protected abstract Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>One run now, in its own scope (what the timer does; tests and commands call it too).</summary>
    public async Task<int> RunNowAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await RunOnceAsync(scope.ServiceProvider, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                // The run goes on on the thread pool, not inline in the timer's callback: a test clock moved by
                // days fires the timer once per interval from its Advance, which would otherwise wait for each run.
                await Task.Yield();
                try
                {
                    var count = await RunNowAsync(stoppingToken);
                    if (count > 0)
                    {
                        LogDone(logger, Name, count);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception, Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Job} changed {Count} record(s)")]
    private static partial void LogDone(ILogger logger, string job, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Job} failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
