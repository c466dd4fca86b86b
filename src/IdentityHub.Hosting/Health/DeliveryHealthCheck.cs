using IdentityHub.Delivery.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdentityHub.Hosting.Health;

/// <summary>
/// The code providers' circuit breakers: an open (or half-open) one makes the host Degraded, never Unhealthy. A
/// provider that is down is skipped for the next one of its kind, and people can choose another method, so taking
/// the node out of the load balancer would help nobody. Names providers by their configured channel names only.
/// </summary>
public sealed class DeliveryHealthCheck(DeliveryMetrics delivery) : IHealthCheck
{
    public const string Name = "delivery";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var open = delivery.Circuits.Where(circuit => circuit.Value != ProviderCircuit.Closed).Select(circuit => circuit.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(open.Count > 0
            ? HealthCheckResult.Degraded($"Circuit open after repeated failures: {string.Join(", ", open)}.")
            : HealthCheckResult.Healthy(delivery.Circuits.Count == 0 ? "No provider used since start." : "Every provider's circuit is closed."));
    }
}
