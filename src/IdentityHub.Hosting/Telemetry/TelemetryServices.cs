using IdentityHub.Delivery.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IdentityHub.Hosting.Telemetry;

/// <summary>
/// Logs, metrics and traces for both hosts (docs/operations.md). The <c>IdentityHub</c> meter's instruments are
/// always there (nearly free without a listener); an OpenTelemetry pipeline is built only when something is to be
/// exported (a Prometheus port, an OTLP collector), so that a host that exports nothing does no tracing work.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The runtime's built-in meter (.NET 9 and later): <c>dotnet.gc.*</c>, <c>dotnet.thread_pool.*</c>, <c>dotnet.process.*</c>.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    private static readonly string[] OtlpVariables =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>The console's format and redaction, the telemetry settings' check, and the exporters configured.</summary>
    public static IServiceCollection AddIdentityHubTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddOptions<LogFormatOptions>().BindConfiguration(LogFormatOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LogFormatOptions>, LogFormatOptionsValidator>();

        AddConsoleFormat(services, configuration, environment);

        // Read here to decide what to build; a value that does not bind or validate builds nothing, and the check
        // above stops the start with a line naming the key.
        var settings = Read(configuration);
        var prometheus = settings?.Prometheus.Port is not null;
        var otlp = settings?.Otlp.Endpoint is not null || OtlpVariables.Any(variable => !string.IsNullOrWhiteSpace(configuration[variable]));
        if (settings is null || !(prometheus || otlp))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME, when set, names the service instead.
            if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
            {
                resource.AddService(serviceName);
            }
        });
        telemetry.WithMetrics(metrics =>
        {
            // System.Runtime: the runtime's own meter (GC, thread pool, lock contention, JIT, working set). ASP.NET
            // Core's instrumentation brings Hosting, Kestrel (queued connections) and RateLimiting.
            metrics.AddMeter(DeliveryMetrics.MeterName, RuntimeMeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation();
            if (prometheus)
            {
                metrics.AddPrometheusHttpListener(listener =>
                {
                    listener.Host = settings.Prometheus.Host;
                    listener.Port = settings.Prometheus.Port!.Value;
                    listener.ScrapeEndpointPath = settings.Prometheus.Path;
                });
            }

            if (otlp)
            {
                metrics.AddOtlpExporter(exporter => Configure(exporter, settings.Otlp));
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(exporter => Configure(exporter, settings.Otlp)));
        }

        return services;
    }

    /// <summary>Load balancers' probes: not traced (they would drown the requests that matter).</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static void AddConsoleFormat(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var format = configuration[LogFormatOptions.Section + ":Format"] switch
        {
            "json" => RedactingJsonFormatter.FormatterName,
            "text" => RedactingTextFormatter.FormatterName,
            _ => environment.IsDevelopment() ? RedactingTextFormatter.FormatterName : RedactingJsonFormatter.FormatterName,
        };
        services.AddLogging(logging => logging
            .AddConsole()
            .AddConsoleFormatter<RedactingJsonFormatter, ConsoleFormatterOptions>()
            .AddConsoleFormatter<RedactingTextFormatter, ConsoleFormatterOptions>());
        services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = format);
    }

    private static void Configure(OtlpExporterOptions exporter, OtlpOptions settings)
    {
        // Without IdentityHub:Telemetry:Otlp:Endpoint the exporter keeps what the OTEL_* variables said.
        if (settings.Endpoint is { } endpoint)
        {
            exporter.Endpoint = endpoint;
            exporter.Protocol = settings.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }
    }

    private static TelemetryOptions? Read(IConfiguration configuration)
    {
        try
        {
            var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
            return new TelemetryOptionsValidator().Validate(null, settings).Succeeded ? settings : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
