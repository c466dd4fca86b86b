using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdentityHub.Hosting.Health;

/// <summary>
/// <c>GET /health/live</c> (the process answers; no dependency is asked) and <c>GET /health/ready</c> (every
/// readiness check: 200 when Healthy or Degraded, 503 when Unhealthy), with a small JSON body (docs/operations.md).
/// Answered first in the pipeline, before security headers, throttling, cookies and the outage page, so that a load
/// balancer's probe needs nothing but the path.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    // A probe waits at most this long for one check (an unreachable database host, say).
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>The checks both hosts share: the database (Unhealthy when down) and the code providers (Degraded at worst).</summary>
    public static IHealthChecksBuilder AddIdentityHubHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, HealthStatus.Unhealthy, [Ready], CheckTimeout)
            .AddCheck<DeliveryHealthCheck>(DeliveryHealthCheck.Name, HealthStatus.Degraded, [Ready], CheckTimeout);

    /// <summary>Answers the two paths; call first, before any other middleware.</summary>
    public static IApplicationBuilder UseIdentityHubHealth(this IApplicationBuilder app)
    {
        app.UseHealthChecks(LivePath, Options(_ => false));
        app.UseHealthChecks(ReadyPath, Options(check => check.Tags.Contains(Ready)));
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        AllowCachingResponses = false,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    /// <summary><c>{"status":"Degraded","checks":{"database":{"status":"Healthy","description":"…"},…}}</c>: no exception, no connection string.</summary>
    private static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body, WriterOptions);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? (entry.Status == HealthStatus.Healthy ? "OK" : "The check did not finish in time."));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
