using System.Text.RegularExpressions;
using IdentityHub.Admin.Texts;
using IdentityHub.Hosting.Wording;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The console's resource files: every text in both languages, with the same placeholders, under keys no other file uses.</summary>
public sealed partial class ConsoleTextTests
{
    private static readonly WordingCatalog Catalog = new([new WordingResource(typeof(ConsoleText)), new WordingResource(typeof(LayoutText))]);

    [Fact]
    public void Every_console_text_is_in_English_and_Spanish_with_the_same_placeholders()
    {
        var texts = Catalog.Texts.Where(text => text.Source == typeof(ConsoleText)).ToList();

        Assert.True(texts.Count > 250, $"ConsoleText has {texts.Count} texts");
        Assert.All(texts, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text.Words[SupportedLanguages.English]), $"{text.Key} has no English");
            Assert.False(string.IsNullOrWhiteSpace(text.Words[SupportedLanguages.Spanish]), $"{text.Key} has no Spanish");
            Assert.Equal(Placeholders(text.Words[SupportedLanguages.English]!), Placeholders(text.Words[SupportedLanguages.Spanish]!));
        });
    }

    [Fact]
    public void Console_keys_are_their_own()
    {
        var keys = Catalog.Texts.GroupBy(text => text.Key).Where(group => group.Select(text => text.Source).Distinct().Count() > 1).Select(group => group.Key);

        Assert.Empty(keys);
        Assert.All(Catalog.Texts.Where(text => text.Source == typeof(ConsoleText)), text => Assert.StartsWith("Console", text.Key, StringComparison.Ordinal));
    }

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(match => match.Groups[1].Value).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)[:}]")]
    private static partial Regex PlaceholderPattern();
}
