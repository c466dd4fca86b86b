using System.Globalization;
using System.Text;
using IdentityHub.Delivery.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IdentityHub.Hosting.Telemetry;

/// <summary>
/// One readable line a message (<c>IdentityHub:Logging:Format</c> = <c>text</c>, the default in Development): level,
/// category, message, scopes, then the exception, every part passed through <see cref="Redaction.Scrub"/>.
/// </summary>
public sealed class RedactingTextFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "identityhub-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && string.IsNullOrEmpty(message))
        {
            return;
        }

        var line = new StringBuilder();
        line.Append(DateTimeOffset.Now.ToString("HH:mm:ss ", CultureInfo.InvariantCulture))
            .Append(Abbreviation(logEntry.LogLevel)).Append(": ")
            .Append(logEntry.Category).Append('[').Append(logEntry.EventId.Id).Append("] ")
            .Append(message);
        scopeProvider?.ForEachScope(static (scope, builder) => builder.Append(" => ").Append(scope), line);
        if (logEntry.Exception is { } exception)
        {
            line.AppendLine().Append(exception);
        }

        textWriter.WriteLine(Redaction.Scrub(line.ToString()));
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
