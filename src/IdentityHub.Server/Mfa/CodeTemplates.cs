using IdentityHub.Core.Mfa;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// The words of a code message (M4) for a portal, in the reader's language: a template configured for the
/// portal and language (IdentityHub:Mfa:Templates) wins; what it leaves out, or everything when none is
/// configured, comes from MessageText in that language (with the plan's wording, IdentityHub:Wording, over it).
/// </summary>
public sealed class CodeTemplates(IOptionsMonitor<IdentityHubOptions> options, LanguageTexts texts)
{
    /// <param name="language">The reader's language (en, es).</param>
    /// <param name="languageTag">
    /// The reader's browser language tag when it is the same language ("es-MX"), so a template configured for
    /// a region is found; else the language as spoken in the United States is tried ("es-US"), then "es".
    /// </param>
    public CodeMessageTemplate For(string? clientId, string language, string? languageTag = null)
    {
        var defaults = new CodeMessageTemplate
        {
            EmailSubject = texts.Text<MessageText>("CodeMessage.EmailSubject", language, clientId),
            EmailBody = texts.Text<MessageText>("CodeMessage.EmailBody", language, clientId),
            SmsBody = texts.Text<MessageText>("CodeMessage.SmsBody", language, clientId),
            VoiceBody = texts.Text<MessageText>("CodeMessage.VoiceBody", language, clientId),
        };
        var table = options.CurrentValue.Mfa.Templates.ToDictionary(
            entry => (entry.ClientId ?? "", entry.Language ?? ""),
            entry => new CodeMessageTemplate
            {
                EmailSubject = entry.EmailSubject ?? defaults.EmailSubject,
                EmailBody = entry.EmailBody ?? defaults.EmailBody,
                SmsBody = entry.SmsBody ?? defaults.SmsBody,
                VoiceBody = entry.VoiceBody ?? defaults.VoiceBody,
            });
        var tag = SupportedLanguages.Match(languageTag) == language ? languageTag : LanguageChoice.CultureOf(language);
        return CodeMessages.Choose(table, clientId, tag) ?? defaults;
    }

    /// <summary>What <c>{portal}</c> says: the portal's display name, else "your health plan portal" in the reader's language.</summary>
    public string PortalName(ClientPolicy policy, string language) =>
        policy.DisplayName ?? texts.Text<MessageText>("CodeMessage.PortalFallback", language, policy.ClientId);
}
