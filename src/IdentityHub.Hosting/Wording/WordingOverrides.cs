using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Wording;

/// <summary>Finds the plan's replacement for a text: the portal's for the language, then the deployment's for the language.</summary>
public sealed class WordingOverrides(IOptionsMonitor<WordingOptions> options)
{
    public string? Find(string? clientId, string language, string key)
    {
        var wording = options.CurrentValue;
        if (clientId is not null && wording.Portals.TryGetValue(clientId, out var portal) && Find(portal, language, key) is { } forPortal)
        {
            return forPortal;
        }

        return Find(wording.Texts, language, key);
    }

    private static string? Find(Dictionary<string, Dictionary<string, string>> byLanguage, string language, string key) =>
        byLanguage.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;
}
