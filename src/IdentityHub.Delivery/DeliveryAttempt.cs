namespace IdentityHub.Delivery;

/// <summary>One channel attempt, as audited. Never holds the message body.</summary>
/// <param name="Channel">The channel name.</param>
/// <param name="Kind">The message kind.</param>
/// <param name="Outcome">One of the <see cref="DeliveryAttemptOutcomes"/>: <c>sent</c>, <c>transient_failure</c>, <c>permanent_failure</c>, <c>circuit_open</c>.</param>
/// <param name="Latency">How long the attempt took, measured with the injected <see cref="TimeProvider"/>.</param>
/// <param name="Reference">The message's support reference.</param>
/// <param name="Detail">The provider message id when sent, otherwise the failure reason.</param>
public sealed record DeliveryAttempt(string Channel, DeliveryKind Kind, string Outcome, TimeSpan Latency, string Reference, string? Detail);

/// <summary>The values of <see cref="DeliveryAttempt.Outcome"/>.</summary>
public static class DeliveryAttemptOutcomes
{
    /// <summary>The channel accepted the message.</summary>
    public const string Sent = "sent";

    /// <summary>A failure worth retrying or failing over (timeout, 5xx, 429, connection refused).</summary>
    public const string TransientFailure = "transient_failure";

    /// <summary>A failure not worth retrying on this channel.</summary>
    public const string PermanentFailure = "permanent_failure";

    /// <summary>The channel's circuit breaker is open; the channel was skipped.</summary>
    public const string CircuitOpen = "circuit_open";
}
