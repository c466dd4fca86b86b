using System.Text;
using IdentityHub.Hosting.Wording;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>texts</c>: prints every text a plan can replace (IdentityHub:Wording), with its key and its words in
/// each language, as the Markdown of docs/wording.md.
/// </summary>
internal static class TextsCommand
{
    public const string Verb = "texts";

    public static readonly CommandSpec Spec = new(Verb, "Prints every text a plan can replace (IdentityHub:Wording), with its key and its words in each language, as the Markdown of docs/wording.md.");

    public static int Run(IServiceProvider services, TextWriter output)
    {
        output.Write(Markdown(services.GetRequiredService<WordingCatalog>()));
        return 0;
    }

    public static string Markdown(WordingCatalog catalog)
    {
        var text = new StringBuilder();
        text.AppendLine("# Texts a plan can replace");
        text.AppendLine();
        text.AppendLine("Every text people see on the token server's pages and in its messages, by key, with the words IdentityHub");
        text.AppendLine("ships in English and Spanish. Replace any of them per language for the whole deployment or for one portal");
        text.AppendLine("(see [languages-and-branding.md](languages-and-branding.md#the-plans-words)). `{0}`, `{1}`… stand for values filled in when the text is");
        text.AppendLine("shown; keep them. This file is the output of `IdentityHub.Server texts`; a test keeps it current.");
        foreach (var resource in catalog.Texts.GroupBy(entry => entry.Resource))
        {
            text.AppendLine();
            text.AppendLine("## " + resource.Key);
            text.AppendLine();
            text.AppendLine("| Key | English | Spanish |");
            text.AppendLine("| --- | --- | --- |");
            foreach (var entry in resource)
            {
                text.AppendLine($"| `{entry.Key}` | {Cell(entry.Words[SupportedLanguages.English])} | {Cell(entry.Words[SupportedLanguages.Spanish])} |");
            }
        }

        return text.ToString();
    }

    private static string Cell(string? words) =>
        string.IsNullOrEmpty(words) ? "(empty)" : words.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
