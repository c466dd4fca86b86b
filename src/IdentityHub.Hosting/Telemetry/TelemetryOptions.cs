namespace IdentityHub.Hosting.Telemetry;

/// <summary>
/// <c>IdentityHub:Telemetry</c>: where metrics and traces go (docs/operations.md). Nothing is exported unless
/// configured; the standard <c>OTEL_*</c> environment variables also turn the OTLP exporter on.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "IdentityHub:Telemetry";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();
}

/// <summary>The Prometheus scrape endpoint, on a port of its own so that it is never exposed with the sign-in pages.</summary>
public sealed class PrometheusOptions
{
    /// <summary>The port of the scrape endpoint; none (the default) serves no scrape endpoint.</summary>
    public int? Port { get; set; }

    /// <summary>The host name the endpoint answers to: <c>*</c> (every interface, the default) or e.g. <c>localhost</c>.</summary>
    public string Host { get; set; } = "*";

    /// <summary>The path of the scrape endpoint.</summary>
    public string Path { get; set; } = "/metrics";
}

/// <summary>An OpenTelemetry collector that receives traces and metrics.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector's address (e.g. <c>http://otel-collector:4317</c>); none: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, if set.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";
}

/// <summary><c>IdentityHub:Logging</c>: how console log lines are written (docs/operations.md, "Logs").</summary>
public sealed class LogFormatOptions
{
    public const string Section = "IdentityHub:Logging";

    /// <summary><c>json</c> (one JSON object a line, the default outside Development) or <c>text</c> (the default in Development).</summary>
    public string? Format { get; set; }
}
