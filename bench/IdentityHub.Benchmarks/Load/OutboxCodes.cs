using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdentityHub.Benchmarks.Load;

/// <summary>
/// Reads the codes IdentityHub "sends" from its development outbox folder, as a person reads their
/// inbox: the challenge page shows the message's reference number, and the outbox file is named
/// after it. A watcher indexes new files so that a look-up does not scan thousands of them.
/// </summary>
public sealed partial class OutboxCodes : IDisposable
{
    private readonly string _folder;
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    public OutboxCodes(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        _watcher = new FileSystemWatcher(folder, "*.json") { InternalBufferSize = 64 * 1024 };
        _watcher.Created += (_, e) => Index(e.Name);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The code in the message with this reference number.</summary>
    public async Task<string> CodeForAsync(string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (!_files.TryGetValue(reference, out var file) && attempt % 10 == 9)
            {
                // Missed by the watcher (its buffer overflowed): look for it.
                file = Directory.EnumerateFiles(_folder, $"*-{reference}*.json").FirstOrDefault();
            }

            if (file is not null && TryReadCode(file) is { } code)
            {
                _files.TryRemove(reference, out _);
                return code;
            }

            await Task.Delay(5, cancellationToken);
        }

        throw new OperationFailedException($"outbox: no message with reference {reference}");
    }

    public void Dispose() => _watcher.Dispose();

    private void Index(string? name)
    {
        // "20261126T101010123456Z-ABCD-1234.json": the reference follows the timestamp.
        var dash = name?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash < 0)
        {
            return;
        }

        var reference = Path.GetFileNameWithoutExtension(name!)[(dash + 1)..];
        _files[reference] = Path.Combine(_folder, name!);
    }

    private static string? TryReadCode(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var body = json.RootElement.GetProperty("body").GetString() ?? "";
            return SixDigits().Match(body) is { Success: true } match ? match.Value : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException)
        {
            return null; // still being written
        }
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
