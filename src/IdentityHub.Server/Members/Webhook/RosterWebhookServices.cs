using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IdentityHub.Server.Members.Webhook;

/// <summary>The webhook roster's named <see cref="HttpClient"/> and its resilience pipeline.</summary>
internal static class RosterWebhookServices
{
    /// <summary>
    /// Outside in, as the delivery channels: retry (a refused connection, 408, 429, 5xx; exponential backoff with
    /// jitter; not a timeout, since a person is waiting and a slow system is not helped by more requests), circuit
    /// breaker (every failed attempt, timeouts included, counts), per-request timeout. One pipeline per server, so
    /// one circuit.
    /// </summary>
    public static IServiceCollection AddRosterWebhook(this IServiceCollection services)
    {
        services.AddSingleton<RosterMetrics>();
        services.AddSingleton<WebhookRoster>();
        services.AddHttpClient(WebhookRoster.HttpClientName, http =>
            {
                // The pipeline's timeout bounds each attempt.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = WebhookRoster.MaxAnswerBytes;
            })
            // The default request logs add nothing the roster's own lines do not say.
            .RemoveAllLoggers()
            .AddResilienceHandler("member-roster", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<RosterOptions>>().Value.Webhook;
                var metrics = context.ServiceProvider.GetRequiredService<RosterMetrics>();
                // Network waits run on the wall clock, whatever clock the rest of the server is given.
                pipeline.TimeProvider = TimeProvider.System;
                if (settings.Resilience.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        ShouldHandle = arguments => ValueTask.FromResult(
                            arguments.Outcome.Exception is not TimeoutRejectedException && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
                        MaxRetryAttempts = settings.Resilience.MaxRetries,
                        Delay = settings.Resilience.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = false,
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = settings.Resilience.CircuitBreakerFailureRatio,
                    MinimumThroughput = settings.Resilience.CircuitBreakerMinimumThroughput,
                    SamplingDuration = settings.Resilience.CircuitBreakerSamplingDuration,
                    BreakDuration = settings.Resilience.CircuitBreakerBreakDuration,
                    OnOpened = _ =>
                    {
                        metrics.CircuitOpened();
                        return ValueTask.CompletedTask;
                    },
                });
                pipeline.AddTimeout(settings.Timeout);
            });
        return services;
    }
}
