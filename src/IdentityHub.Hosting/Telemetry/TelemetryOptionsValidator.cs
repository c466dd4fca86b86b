using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Telemetry;

/// <summary>Checks <c>IdentityHub:Telemetry</c> at start-up, each problem in one line naming its key.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var prometheus = options.Prometheus;
        if (prometheus.Port is { } port && port is < 1 or > 65535)
        {
            problems.Add($"{TelemetryOptions.Section}:Prometheus:Port must be a port number from 1 to 65535 (or absent for no scrape endpoint).");
        }

        if (string.IsNullOrWhiteSpace(prometheus.Host) || prometheus.Host.IndexOfAny([':', '/', ' ']) >= 0)
        {
            problems.Add($"{TelemetryOptions.Section}:Prometheus:Host must be a host name without scheme or port: * (every interface), + or e.g. localhost.");
        }

        if (string.IsNullOrWhiteSpace(prometheus.Path) || !prometheus.Path.StartsWith('/') || prometheus.Path.IndexOfAny(['?', '#', ' ']) >= 0)
        {
            problems.Add($"{TelemetryOptions.Section}:Prometheus:Path must be a path starting with / (for example /metrics).");
        }

        if (options.Otlp.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            problems.Add($"{TelemetryOptions.Section}:Otlp:Endpoint must be an absolute http(s) address, for example http://otel-collector:4317.");
        }

        if (options.Otlp.Protocol is not ("grpc" or "http/protobuf"))
        {
            problems.Add($"{TelemetryOptions.Section}:Otlp:Protocol must be grpc or http/protobuf.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Checks <c>IdentityHub:Logging:Format</c> at start-up.</summary>
public sealed class LogFormatOptionsValidator : IValidateOptions<LogFormatOptions>
{
    public ValidateOptionsResult Validate(string? name, LogFormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Format is null or "json" or "text"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LogFormatOptions.Section}:Format must be json or text (default: json, text in Development).");
    }
}
