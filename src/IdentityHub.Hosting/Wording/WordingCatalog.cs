using System.Collections;
using System.Globalization;
using System.Resources;

namespace IdentityHub.Hosting.Wording;

/// <summary>A resource file of visible texts (a marker class beside its .resx, same name and namespace).</summary>
public sealed record WordingResource(Type Source);

/// <summary>One visible text: its key, and its words in each language.</summary>
public sealed record WordingText(string Key, Type Source, IReadOnlyDictionary<string, string?> Words)
{
    public string Resource => Source.Name;
}

/// <summary>Every key of every resource file a host registered, with the words in each supported language.</summary>
public sealed class WordingCatalog
{
    private readonly Lazy<IReadOnlyList<WordingText>> texts;
    private readonly Lazy<Dictionary<string, Type>> keys;

    public WordingCatalog(IEnumerable<WordingResource> resources)
    {
        texts = new(() => Read(resources));
        keys = new(() => texts.Value.DistinctBy(text => text.Key).ToDictionary(text => text.Key, text => text.Source, StringComparer.Ordinal));
    }

    public IReadOnlyList<WordingText> Texts => texts.Value;

    public bool Contains(string key) => keys.Value.ContainsKey(key);

    /// <summary>The resource file that holds a key (keys are unique across the files).</summary>
    public Type? ResourceOf(string key) => keys.Value.GetValueOrDefault(key);

    private static List<WordingText> Read(IEnumerable<WordingResource> resources)
    {
        var texts = new List<WordingText>();
        foreach (var resource in resources.DistinctBy(resource => resource.Source))
        {
            var manager = new ResourceManager(resource.Source.FullName!, resource.Source.Assembly);
            var byLanguage = SupportedLanguages.All.ToDictionary(
                language => language,
                language => Entries(manager, language == SupportedLanguages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language)));
            var keys = byLanguage.Values.SelectMany(entries => entries.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            texts.AddRange(keys.Select(key => new WordingText(
                key,
                resource.Source,
                SupportedLanguages.All.ToDictionary(language => language, language => byLanguage[language].GetValueOrDefault(key)))));
        }

        return texts;
    }

    private static Dictionary<string, string> Entries(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is null)
        {
            return entries;
        }

        foreach (DictionaryEntry entry in set)
        {
            if (entry.Value is string text)
            {
                entries[(string)entry.Key] = text;
            }
        }

        return entries;
    }
}
