using System.Threading.RateLimiting;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// Concurrency limits per endpoint group (O6, <see cref="OverloadOptions"/>). Each group works on a bounded number of
/// requests at once and queues a bounded number more; a request that finds the queue full is answered 503 with
/// <c>Retry-After</c> before any work is done (an OAuth <c>temporarily_unavailable</c> body for portals' back ends,
/// the short outage page for people). Past saturation the admitted requests keep their latency and the excess is
/// told to come back, instead of every request waiting behind a queue of hundreds.
/// </summary>
internal sealed partial class OverloadLimits(RequestDelegate next, OverloadLimiters limiters, ILogger<OverloadLimits> logger)
{
    private const string BusyDescription = "IdentityHub is busy right now. Try again after the Retry-After delay.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (limiters.For(context.Request.Path) is not { } limiter)
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while waiting for a turn: nobody is left to answer
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                LogRefused(context.Request.Method, context.Request.Path);
                await DatabaseOutages.AnswerAsync(context, limiters.RetryAfter, BusyDescription);
                return;
            }

            await next(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Busy: {Method} {Path} was answered 503 (its endpoint group's queue is full).")]
    private partial void LogRefused(string method, string path);
}
