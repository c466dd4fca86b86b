using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IdentityHub.Delivery.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IdentityHub.Hosting.Telemetry;

/// <summary>
/// One JSON object a line (<c>IdentityHub:Logging:Format</c> = <c>json</c>, the default outside Development), for a
/// log collector to index: time, level, category, event id, message, the message's named values, the scopes and
/// the exception, every string passed through <see cref="Redaction.Scrub"/> on the way out.
/// </summary>
public sealed class RedactingJsonFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "identityhub-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && string.IsNullOrEmpty(message))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            if (logEntry.EventId.Name is { } eventName)
            {
                json.WriteString("eventName", eventName);
            }

            json.WriteString("message", Redaction.Scrub(message));
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", Redaction.Scrub(exception.ToString()));
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("state");
                WriteValues(json, values);
                json.WriteEndObject();
            }

            if (scopeProvider is not null)
            {
                json.WriteStartArray("scopes");
                scopeProvider.ForEachScope(static (scope, writer) => WriteScope(writer, scope), json);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteScope(Utf8JsonWriter json, object? scope)
    {
        if (scope is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            json.WriteStartObject();
            WriteValues(json, values);
            json.WriteEndObject();
        }
        else if (scope is not null)
        {
            json.WriteStringValue(Redaction.Scrub(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? ""));
        }
    }

    private static void WriteValues(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}")
            {
                json.WriteString("format", value as string);
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case int or long or short or byte or uint or ulong or double or float or decimal:
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                default:
                    json.WriteString(key, Redaction.Scrub(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                    break;
            }
        }
    }
}
