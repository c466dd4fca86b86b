using System.Diagnostics.Metrics;
using IdentityHub.Delivery.Telemetry;

namespace IdentityHub.Server.Members.Webhook;

/// <summary>
/// What an operator pages on about the plan's eligibility system, on the <c>IdentityHub</c> meter
/// (docs/operations.md): each check by outcome, and each time the circuit breaker opened. Tags are fixed words.
/// </summary>
public sealed class RosterMetrics
{
    private readonly Counter<long> _checks;
    private readonly Counter<long> _circuitOpenings;

    public RosterMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(DeliveryMetrics.MeterName);
        _checks = meter.CreateCounter<long>("identityhub.roster.webhook.checks", "{check}",
            "Membership checks sent to the plan's eligibility system, by outcome (matched, not_matched, unavailable).");
        _circuitOpenings = meter.CreateCounter<long>("identityhub.roster.webhook.circuit.openings", "{opening}",
            "Times the circuit breaker in front of the plan's eligibility system opened after repeated failures.");
    }

    public void Checked(RosterAnswer answer) => _checks.Add(1, new KeyValuePair<string, object?>("outcome", answer switch
    {
        RosterAnswer.Matched => "matched",
        RosterAnswer.NotMatched => "not_matched",
        _ => "unavailable",
    }));

    public void CircuitOpened() => _circuitOpenings.Add(1);
}
