using IdentityHub.Delivery.Resilience;
using IdentityHub.Delivery.Telemetry;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IdentityHub.Delivery;

/// <summary>
/// Tries the channels of the message's kind that can take its address, in configured order, each through its
/// own resilience pipeline, and audits every attempt. Delivery problems become a <see cref="DeliveryOutcome"/>;
/// only cancellation (and a failing audit) throws.
/// </summary>
internal sealed class MessageSender : IMessageSender
{
    private readonly IReadOnlyList<IDeliveryChannel> _channels;
    private readonly ChannelPipelines _pipelines;
    private readonly IDeliveryAudit _audit;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MessageSender> _logger;
    private readonly DeliveryMetrics _metrics;

    public MessageSender(
        ConfiguredChannels configured,
        IEnumerable<IDeliveryChannel> added,
        ChannelPipelines pipelines,
        IDeliveryAudit audit,
        TimeProvider timeProvider,
        ILogger<MessageSender> logger,
        DeliveryMetrics metrics)
    {
        _channels = [.. configured.All, .. added];
        var duplicate = _channels.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two delivery channels are named '{duplicate.Key}'; channel names must be unique.");
        }

        _pipelines = pipelines;
        _audit = audit;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    public async Task<DeliveryOutcome> SendAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = message.Kind.ToString().ToLowerInvariant();
        var ofKind = _channels.Where(c => c.Kind == message.Kind).ToList();
        if (ofKind.Count == 0)
        {
            return new DeliveryOutcome.Failed($"No {kind} channel is configured");
        }

        var candidates = ofKind.Where(c => c.CanDeliverTo(message.To)).ToList();
        if (candidates.Count == 0)
        {
            return new DeliveryOutcome.Failed($"No {kind} channel can deliver to this address");
        }

        var failures = new List<string>();
        var everyCircuitOpen = true;
        foreach (var channel in candidates)
        {
            var run = await new ChannelRun(channel, _pipelines.For(channel.Name), _timeProvider).ExecuteAsync(message, cancellationToken);
            foreach (var attempt in run.Attempts)
            {
                _metrics.RecordAttempt(attempt);
                await _audit.RecordAsync(attempt, cancellationToken);
            }

            if (run.Result is ChannelResult.Delivered)
            {
                return new DeliveryOutcome.Sent(channel.Name);
            }

            // A provider's reason may quote the address it refused: masked before it reaches a log line.
            _logger.LogWarning("Delivery {Reference} through {Channel} failed: {Reason}", message.Reference, channel.Name, Redaction.Scrub(run.FailureReason ?? ""));
            failures.Add($"{channel.Name}: {run.FailureReason}");
            everyCircuitOpen &= run.CircuitOpen;
        }

        return everyCircuitOpen
            ? new DeliveryOutcome.Throttled($"Every {kind} channel is paused after repeated failures; try again shortly")
            : new DeliveryOutcome.Failed($"Every {kind} channel failed ({string.Join("; ", failures)})");
    }

    /// <summary>One channel's turn: its attempts through the pipeline, and how it ended.</summary>
    private sealed class ChannelRun(IDeliveryChannel channel, Polly.ResiliencePipeline<ChannelResult> pipeline, TimeProvider timeProvider)
    {
        public List<DeliveryAttempt> Attempts { get; } = [];

        public ChannelResult? Result { get; private set; }

        public string? FailureReason { get; private set; }

        public bool CircuitOpen { get; private set; }

        public async Task<ChannelRun> ExecuteAsync(DeliveryMessage message, CancellationToken cancellationToken)
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                Result = await pipeline.ExecuteAsync(token => AttemptAsync(message, token, cancellationToken), cancellationToken);
                FailureReason = Result switch
                {
                    ChannelResult.TransientFailure failure => failure.Reason,
                    ChannelResult.PermanentFailure failure => failure.Reason,
                    _ => null,
                };
            }
            catch (BrokenCircuitException)
            {
                CircuitOpen = true;
                FailureReason = "circuit open after repeated failures";
                Attempts.Add(Attempt(message, DeliveryAttemptOutcomes.CircuitOpen, timeProvider.GetElapsedTime(started), FailureReason));
            }
            catch (TimeoutRejectedException)
            {
                FailureReason = "timed out";
            }

            return this;
        }

        private async ValueTask<ChannelResult> AttemptAsync(DeliveryMessage message, CancellationToken attemptToken, CancellationToken callerToken)
        {
            var started = timeProvider.GetTimestamp();
            ChannelResult result;
            try
            {
                result = await channel.DeliverAsync(message, attemptToken);
            }
            catch (OperationCanceledException) when (attemptToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
            {
                // The pipeline's timeout fired; it turns this into a TimeoutRejectedException.
                Attempts.Add(Attempt(message, DeliveryAttemptOutcomes.TransientFailure, timeProvider.GetElapsedTime(started), "timed out"));
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A channel should return failures, not throw them; treat a throw as transient so failover still happens.
                result = new ChannelResult.TransientFailure($"channel threw {e.GetType().Name}");
            }

            var (outcome, detail) = result switch
            {
                ChannelResult.Delivered delivered => (DeliveryAttemptOutcomes.Sent, delivered.ProviderMessageId),
                ChannelResult.TransientFailure failure => (DeliveryAttemptOutcomes.TransientFailure, failure.Reason),
                ChannelResult.PermanentFailure failure => (DeliveryAttemptOutcomes.PermanentFailure, failure.Reason),
                _ => throw new InvalidOperationException("Unknown channel result."),
            };
            Attempts.Add(Attempt(message, outcome, timeProvider.GetElapsedTime(started), detail));
            return result;
        }

        private DeliveryAttempt Attempt(DeliveryMessage message, string outcome, TimeSpan latency, string? detail) =>
            new(channel.Name, message.Kind, outcome, latency, message.Reference, detail);
    }
}
