using IdentityHub.Hosting.Health;
using IdentityHub.Hosting.Telemetry;
using IdentityHub.Server.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdentityHub.Server.Telemetry;

public static class ServerTelemetry
{
    /// <summary>Health endpoints' checks (database, code providers, signing keys), the token server's instruments, the log format and the exporters (docs/operations.md).</summary>
    public static IServiceCollection AddIdentityHubServerTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddIdentityHubTelemetry(configuration, environment, "identityhub-server");
        services.AddSingleton<ClientTags>();
        services.AddSingleton<IdentityHubMetrics>();
        services.AddIdentityHubHealth()
            .AddCheck<SigningKeysHealthCheck>(SigningKeysHealthCheck.Name, HealthStatus.Unhealthy, [HealthEndpoints.Ready], TimeSpan.FromSeconds(5));
        return services;
    }
}
