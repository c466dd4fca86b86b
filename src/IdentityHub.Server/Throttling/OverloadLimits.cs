using System.Diagnostics;
using System.Threading.RateLimiting;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// Concurrency limits per endpoint group (O6, <see cref="OverloadOptions"/>). Each group works on a bounded number of
/// requests at once and queues a bounded number more, each for a bounded time. A request that finds the queue full,
/// or waits past the group's time, is answered 503 with <c>Retry-After</c> before any work is done on it (an OAuth
/// <c>temporarily_unavailable</c> body for portals' back ends, the short outage page for people). Past saturation
/// the admitted requests keep their latency and the excess is told to come back, instead of every request waiting
/// behind a queue of hundreds.
/// </summary>
internal sealed partial class OverloadLimits(RequestDelegate next, OverloadLimiters limiters, Telemetry.IdentityHubMetrics metrics, ILogger<OverloadLimits> logger)
{
    private const string BusyDescription = "IdentityHub is busy right now. Try again after the Retry-After delay.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (limiters.For(context.Request.Path) is not { } group)
        {
            await next(context);
            return;
        }

        // A free turn is taken without a timer; only a request that has to wait gets one.
        var lease = group.Limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            wait.CancelAfter(group.MaxQueueTime);
            var queuedAt = Stopwatch.GetTimestamp();
            var acquiring = group.Limiter.AcquireAsync(1, wait.Token);
            var queued = !acquiring.IsCompleted; // a full queue answers at once: that request did not wait
            try
            {
                lease = await acquiring;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client gave up while waiting for a turn: nobody is left to answer
            }
            catch (OperationCanceledException)
            {
                lease = FailedLease.Instance; // waited as long as the group allows
            }

            if (queued)
            {
                metrics.Queued(group.Name, Stopwatch.GetElapsedTime(queuedAt));
            }
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                LogRefused(context.Request.Method, context.Request.Path);
                metrics.Overloaded(group.Name);
                await DatabaseOutages.AnswerAsync(context, limiters.RetryAfter, BusyDescription);
                return;
            }

            await next(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Busy: {Method} {Path} was answered 503 (its endpoint group's queue is full or its wait too long).")]
    private partial void LogRefused(string method, string path);

    private sealed class FailedLease : RateLimitLease
    {
        public static readonly FailedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
