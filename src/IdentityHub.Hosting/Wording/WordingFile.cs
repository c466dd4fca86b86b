using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// Reads the overrides file named by <c>IdentityHub:Wording:File</c> (relative to the content root) into the
/// options. Settings win over the file for the same key. A file that is missing or not JSON is reported by
/// <see cref="WordingOptionsValidator"/>, which stops the host with a line naming the key.
/// </summary>
public sealed class WordingFile(IHostEnvironment environment) : IPostConfigureOptions<WordingOptions>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public void PostConfigure(string? name, WordingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.File))
        {
            return;
        }

        var path = Path.GetFullPath(options.File, environment.ContentRootPath);
        WordingOptions? file;
        try
        {
            file = JsonSerializer.Deserialize<WordingOptions>(System.IO.File.ReadAllText(path), Json);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            options.FileProblem = error is JsonException
                ? $"{WordingOptions.Section}:File: {path} is not a wording file ({error.Message})."
                : $"{WordingOptions.Section}:File: {path} cannot be read ({error.Message}).";

            return;
        }

        foreach (var (language, texts) in file?.Texts ?? [])
        {
            Merge(options.Texts, language, texts);
        }

        foreach (var (portal, byLanguage) in file?.Portals ?? [])
        {
            if (!options.Portals.TryGetValue(portal, out var target))
            {
                options.Portals[portal] = target = new(StringComparer.OrdinalIgnoreCase);
            }

            foreach (var (language, texts) in byLanguage ?? [])
            {
                Merge(target, language, texts);
            }
        }
    }

    private static void Merge(Dictionary<string, Dictionary<string, string>> target, string language, Dictionary<string, string>? texts)
    {
        if (!target.TryGetValue(language, out var existing))
        {
            target[language] = existing = new(StringComparer.Ordinal);
        }

        foreach (var (key, text) in texts ?? [])
        {
            existing.TryAdd(key, text);
        }
    }
}
