namespace IdentityHub.Hosting.Wording;

/// <summary>
/// The plan's own words (M5): any visible text replaced, per language, for the whole deployment or for one
/// portal. Keys are the resource keys listed in docs/wording.md; a key or language that does not exist
/// stops the host at start-up.
/// </summary>
public sealed class WordingOptions
{
    public const string Section = "IdentityHub:Wording";

    /// <summary>A JSON file with the same shape as this section (Texts, Portals), read at start-up after the other settings.</summary>
    public string? File { get; set; }

    /// <summary>Why <see cref="File"/> could not be read, for the start-up check.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal string? FileProblem { get; set; }

    /// <summary>Language (en, es) → key → text, for every portal.</summary>
    public Dictionary<string, Dictionary<string, string>> Texts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Portal (client id) → language → key → text; wins over <see cref="Texts"/> on that portal's pages and messages.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Portals { get; set; } = new(StringComparer.Ordinal);
}
