using System.Collections.Concurrent;
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
internal sealed class ChannelPipelines(IOptions<DeliveryOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<ChannelResult>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<ChannelResult> For(string channelName) =>
        _pipelines.GetOrAdd(channelName, name => Build(name, options.Value.Resilience, timeProvider));

    private static ResiliencePipeline<ChannelResult> Build(string channelName, DeliveryResilienceOptions settings, TimeProvider timeProvider)
    {
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
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }
}
