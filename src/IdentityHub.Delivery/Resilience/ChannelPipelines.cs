using System.Collections.Concurrent;
using IdentityHub.Delivery.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace IdentityHub.Delivery.Resilience;

/// <summary>
/// One Polly pipeline per channel name, built on first use and kept, so each channel has its own circuit breaker.
/// Order, outside in: retry (transient failures and timeouts, exponential backoff with jitter),
/// circuit breaker (counts every attempt), per-attempt timeout.
/// </summary>
internal sealed class ChannelPipelines(IOptions<DeliveryOptions> options, TimeProvider timeProvider, DeliveryMetrics metrics)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<ChannelResult>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<ChannelResult> For(string channelName) =>
        _pipelines.GetOrAdd(channelName, name => Build(name, options.Value.Resilience, timeProvider, metrics));

    private static ResiliencePipeline<ChannelResult> Build(string channelName, DeliveryResilienceOptions settings, TimeProvider timeProvider, DeliveryMetrics metrics)
    {
        metrics.Track(channelName);
        var worthRetrying = new PredicateBuilder<ChannelResult>()
            .HandleResult(result => result is ChannelResult.TransientFailure)
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder<ChannelResult>
        {
            Name = "IdentityHub.Delivery",
            InstanceName = channelName,
            TimeProvider = timeProvider,
        };

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChannelResult>
            {
                ShouldHandle = worthRetrying,
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChannelResult>
            {
                ShouldHandle = worthRetrying,
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                SamplingDuration = settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakerBreakDuration,
                // The readiness check and the circuit gauge read these (docs/operations.md).
                OnOpened = _ => Changed(ProviderCircuit.Open),
                OnHalfOpened = _ => Changed(ProviderCircuit.HalfOpen),
                OnClosed = _ => Changed(ProviderCircuit.Closed),
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();

        ValueTask Changed(ProviderCircuit state)
        {
            metrics.CircuitChanged(channelName, state);
            return ValueTask.CompletedTask;
        }
    }
}
