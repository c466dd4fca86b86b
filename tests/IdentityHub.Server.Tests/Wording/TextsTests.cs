using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Wording;

/// <summary>The texts as files: every key in both languages, every key the code names exists, and the documented list is current.</summary>
public sealed partial class TextsTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private WordingCatalog Catalog => app.Services.GetRequiredService<WordingCatalog>();

    [Fact]
    public void Every_text_exists_in_English_and_in_Spanish()
    {
        Assert.NotEmpty(Catalog.Texts);
        var missing = Catalog.Texts
            .SelectMany(text => SupportedLanguages.All.Where(language => text.Words[language] is null).Select(language => $"{text.Resource}: {text.Key} has no {language} text"))
            .ToList();

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void A_key_belongs_to_one_resource_file_only()
    {
        var twice = Catalog.Texts.GroupBy(text => text.Key).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key} is in {string.Join(" and ", group.Select(text => text.Resource))}").ToList();

        Assert.True(twice.Count == 0, string.Join(Environment.NewLine, twice));
    }

    [Fact]
    public void Every_key_the_code_names_has_a_text()
    {
        // The admin host's texts are its own (its tests check them); everything else is the token server's.
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}IdentityHub.Admin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var named = sources
            .SelectMany(path => KeyUse().Matches(File.ReadAllText(path)).Select(match => (Path: Path.GetFileName(path), Key: match.Groups["key"].Value)))
            .ToList();
        var unknown = named.Where(use => !Catalog.Contains(use.Key)).Select(use => $"{use.Path}: {use.Key}").Distinct().ToList();

        Assert.Contains(named, use => use.Key == "Login.Title");
        Assert.True(unknown.Count == 0, "No text for: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_documented_list_of_texts_is_current()
    {
        var documented = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "wording.md"));

        Assert.True(documented == TextsCommand.Markdown(Catalog),
            "docs/wording.md differs from the texts; regenerate it: ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/IdentityHub.Server --no-launch-profile -- texts > docs/wording.md");
    }

    // T["Login.Title"], text["Login.Title", x], ErrorMessage = "Login.UsernameRequired": a key has a dot and starts upper-case.
    [GeneratedRegex("""(?:\w\[|ErrorMessage = )"(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)"[\],)]""")]
    private static partial Regex KeyUse();
}
