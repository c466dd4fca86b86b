using System.Text.Encodings.Web;
using System.Text.Json;

namespace IdentityHub.Administration.Audit;

/// <summary>
/// Audit events as one JSON array, written an object at a time with <see cref="Utf8JsonWriter"/> and flushed
/// to the stream whenever some 32 KB wait, so the array is never built in memory. Property names and values
/// are those of the API's events list.
/// </summary>
public static class AuditJson
{
    private const int FlushAt = 32 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<AuditEventView> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var writer = new Utf8JsonWriter(body, Options);
        writer.WriteStartArray();
        var count = 0L;
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            Write(writer, item);
            count++;
            if (writer.BytesPending >= FlushAt)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static void Write(Utf8JsonWriter writer, AuditEventView item)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        writer.WriteString("occurredAt", item.OccurredAt);
        writer.WriteString("event", item.Event);
        writer.WriteString("outcome", item.Outcome);
        writer.WriteString("actorId", item.ActorId);
        writer.WriteString("userId", item.UserId);
        writer.WriteString("organizationId", item.OrganizationId);
        writer.WriteString("clientId", item.ClientId);
        writer.WriteString("ipAddress", item.IpAddress);
        writer.WriteString("device", item.Device);
        writer.WriteString("reference", item.Reference);
        writer.WriteString("detail", item.Detail);
        if (item.Sequence is { } sequence)
        {
            writer.WriteNumber("sequence", sequence);
        }
        else
        {
            writer.WriteNull("sequence");
        }

        writer.WriteString("hash", item.Hash);
        writer.WriteEndObject();
    }
}
