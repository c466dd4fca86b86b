using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Delivery.Outbox;

/// <summary>
/// The development outbox folder: one JSON file per message, named <c>{UTC timestamp}-{reference}.json</c>
/// so that names sort by time.
/// </summary>
public static class DevOutbox
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The newest <paramref name="count"/> messages in the folder, newest first. Unreadable files are skipped.</summary>
    public static IReadOnlyList<OutboxEntry> ReadRecent(string folder, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (count <= 0 || !Directory.Exists(folder))
        {
            return [];
        }

        var entries = new List<OutboxEntry>(count);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").OrderDescending(StringComparer.Ordinal))
        {
            if (TryRead(file) is { } entry)
            {
                entries.Add(entry);
                if (entries.Count == count)
                {
                    break;
                }
            }
        }

        return entries;
    }

    /// <summary>Writes the message and returns the file name.</summary>
    internal static async Task<string> WriteAsync(string folder, DeliveryMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var entry = new OutboxEntry(message.Kind, message.To, message.Subject, message.Body, message.Reference, now);
        var stem = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture)}-{SafeFileName(message.Reference)}";
        for (var copy = 0; ; copy++)
        {
            var name = copy == 0 ? $"{stem}.json" : $"{stem}-{copy}.json";
            try
            {
                await using var stream = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write);
                await JsonSerializer.SerializeAsync(stream, entry, JsonOptions, cancellationToken);
                return name;
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, name)) && copy < 100)
            {
                // Same timestamp and reference: write beside it.
            }
        }
    }

    private static OutboxEntry? TryRead(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxEntry>(File.ReadAllText(file), JsonOptions);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string SafeFileName(string reference)
    {
        var safe = new string([.. reference.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return safe.Length == 0 ? "message" : safe[..Math.Min(safe.Length, 64)];
    }
}
