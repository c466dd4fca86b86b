using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IdentityHub.Delivery.Telemetry;

/// <summary>
/// What an operator pages on about code delivery, on the <c>IdentityHub</c> meter: every attempt by kind, provider
/// (the channel's configured name) and outcome, and each provider's circuit breaker. The tags are the few
/// configured channel names and fixed words, never an address. Both hosts send codes, so both record them.
/// </summary>
public sealed class DeliveryMetrics
{
    /// <summary>The meter every IdentityHub instrument belongs to (docs/operations.md lists them).</summary>
    public const string MeterName = "IdentityHub";

    private static readonly string[] KindTags = [.. Enum.GetValues<DeliveryKind>().Select(k => k.ToString().ToLowerInvariant())];

    private readonly ConcurrentDictionary<string, ProviderCircuit> _circuits = new(StringComparer.Ordinal);
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _circuitOpenings;

    public DeliveryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("identityhub.delivery.attempts", "{attempt}",
            "Attempts to deliver a message through one provider, by kind, provider and outcome.");
        _circuitOpenings = meter.CreateCounter<long>("identityhub.delivery.circuit.openings", "{opening}",
            "Times a provider's circuit breaker opened after repeated failures.");
        meter.CreateObservableGauge("identityhub.delivery.circuit.state", ObserveCircuits, "{state}",
            "Each provider's circuit breaker: 0 closed, 1 half-open (one trial attempt), 2 open (the provider is skipped).");
    }

    /// <summary>Each provider's circuit breaker as last seen, for the readiness check; providers not used yet are absent.</summary>
    public IReadOnlyDictionary<string, ProviderCircuit> Circuits => _circuits;

    /// <summary>One attempt, with the outcome of <see cref="DeliveryAttemptOutcomes"/>.</summary>
    public void RecordAttempt(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _attempts.Add(1, new TagList
        {
            { "kind", KindTags[(int)attempt.Kind] },
            { "provider", attempt.Channel },
            { "outcome", attempt.Outcome },
        });
    }

    /// <summary>A provider's pipeline exists: its breaker starts closed.</summary>
    internal void Track(string channel) => _circuits.TryAdd(channel, ProviderCircuit.Closed);

    internal void CircuitChanged(string channel, ProviderCircuit state)
    {
        _circuits[channel] = state;
        if (state == ProviderCircuit.Open)
        {
            _circuitOpenings.Add(1, new KeyValuePair<string, object?>("provider", channel));
        }
    }

    private IEnumerable<Measurement<int>> ObserveCircuits()
    {
        foreach (var (channel, state) in _circuits)
        {
            yield return new Measurement<int>((int)state, new KeyValuePair<string, object?>("provider", channel));
        }
    }
}

/// <summary>A provider's circuit breaker (the values of <c>identityhub.delivery.circuit.state</c>).</summary>
public enum ProviderCircuit
{
    /// <summary>Attempts go through.</summary>
    Closed = 0,

    /// <summary>The break is over: one trial attempt goes through and decides.</summary>
    HalfOpen = 1,

    /// <summary>Too many failures: the provider is skipped (the next provider of the kind is tried) until the break ends.</summary>
    Open = 2,
}
