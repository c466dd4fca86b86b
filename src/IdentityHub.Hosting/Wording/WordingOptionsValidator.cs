using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Wording;

/// <summary>A replacement for a text that does not exist, or in a language IdentityHub does not speak, stops the host naming the key.</summary>
public sealed class WordingOptionsValidator(WordingCatalog catalog, IEnumerable<OtherHostsTexts> otherHosts) : IValidateOptions<WordingOptions>
{
    public ValidateOptionsResult Validate(string? name, WordingOptions options)
    {
        var failures = new List<string>();
        if (options.FileProblem is { } problem)
        {
            failures.Add(problem);
        }

        Check(options.Texts, WordingOptions.Section + ":Texts", failures);
        foreach (var (portal, byLanguage) in options.Portals)
        {
            Check(byLanguage ?? [], $"{WordingOptions.Section}:Portals:{portal}", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(Dictionary<string, Dictionary<string, string>> byLanguage, string prefix, List<string> failures)
    {
        foreach (var (language, texts) in byLanguage)
        {
            if (!SupportedLanguages.All.Contains(language, StringComparer.Ordinal))
            {
                failures.Add($"{prefix}:{language}: the language must be one of {string.Join(", ", SupportedLanguages.All)}.");
                continue;
            }

            foreach (var key in (texts ?? []).Keys.Where(key => !catalog.Contains(key) && !otherHosts.Any(other => other.Owns(key))))
            {
                failures.Add($"{prefix}:{language}:{key}: no text has this key (docs/wording.md lists them all).");
            }
        }
    }
}
