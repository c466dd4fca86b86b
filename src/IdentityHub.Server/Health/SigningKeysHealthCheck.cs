using IdentityHub.Server.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdentityHub.Server.Health;

/// <summary>Ready only once this node has its signing keys in memory: before that it could not issue a token.</summary>
internal sealed class SigningKeysHealthCheck(KeyRing ring) : IHealthCheck
{
    public const string Name = "signing_keys";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ring.Loaded is { Signing.Count: > 0 } keys
            ? HealthCheckResult.Healthy($"{keys.Signing.Count} signing key(s) loaded.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The signing keys are not loaded yet."));
}
