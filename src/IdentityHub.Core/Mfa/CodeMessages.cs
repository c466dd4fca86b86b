using System.Text.RegularExpressions;

namespace IdentityHub.Core.Mfa;

/// <summary>Renders code messages from templates and picks the template for a portal and language.</summary>
public static partial class CodeMessages
{
    /// <summary>
    /// The subject (email only; null otherwise) and body for <paramref name="channel"/>, with <c>{code}</c>,
    /// <c>{spoken-code}</c> ("1, 2, 3, 4, 5, 6") and <c>{portal}</c> replaced. Unknown placeholders stay as
    /// written; replaced values are not scanned again.
    /// </summary>
    public static (string? Subject, string Body) Render(CodeMessageTemplate template, CodeChannel channel, string code, string portalName)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(code);

        string Fill(string text) => Placeholder().Replace(text ?? string.Empty, match => match.Groups[1].Value switch
        {
            "code" => code,
            "spoken-code" => string.Join(", ", code.ToCharArray()),
            _ => portalName ?? string.Empty,
        });

        return channel switch
        {
            CodeChannel.Email => (Fill(template.EmailSubject), Fill(template.EmailBody)),
            CodeChannel.Sms => (null, Fill(template.SmsBody)),
            CodeChannel.Voice => (null, Fill(template.VoiceBody)),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
        };
    }

    /// <summary>
    /// The most specific template, trying in order: (client, language), (client, neutral language),
    /// (client, ""), ("", language), ("", neutral language), ("", ""); null when none is configured (the
    /// caller's defaults apply). Languages are tags like "es" or "es-US" (neutral "es") and compare ignoring
    /// case; client ids compare exactly.
    /// </summary>
    public static CodeMessageTemplate? Choose(IReadOnlyDictionary<(string ClientId, string Language), CodeMessageTemplate> templates, string? clientId, string? language)
    {
        ArgumentNullException.ThrowIfNull(templates);

        var tag = (language ?? string.Empty).Trim().Replace('_', '-');
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        var languages = dash > 0 ? new[] { tag, tag[..dash], string.Empty } : new[] { tag, string.Empty };
        var clients = string.IsNullOrEmpty(clientId) ? new[] { string.Empty } : new[] { clientId, string.Empty };

        foreach (var client in clients)
        {
            foreach (var lang in languages.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var found = templates.FirstOrDefault(entry =>
                    string.Equals(entry.Key.ClientId ?? string.Empty, client, StringComparison.Ordinal)
                    && string.Equals(entry.Key.Language ?? string.Empty, lang, StringComparison.OrdinalIgnoreCase));
                if (found.Value is not null)
                {
                    return found.Value;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{(code|spoken-code|portal)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
