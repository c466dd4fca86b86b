using IdentityHub.Core.Mfa;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>The configured message templates (IdentityHub:Mfa:Templates), per portal and language (M4).</summary>
public sealed class CodeTemplates(IOptionsMonitor<IdentityHubOptions> options)
{
    public CodeMessageTemplate For(string? clientId, string? language)
    {
        var defaults = new CodeMessageTemplate();
        var table = options.CurrentValue.Mfa.Templates.ToDictionary(
            entry => (entry.ClientId ?? "", entry.Language ?? ""),
            entry => new CodeMessageTemplate
            {
                EmailSubject = entry.EmailSubject ?? defaults.EmailSubject,
                EmailBody = entry.EmailBody ?? defaults.EmailBody,
                SmsBody = entry.SmsBody ?? defaults.SmsBody,
                VoiceBody = entry.VoiceBody ?? defaults.VoiceBody,
            });
        return CodeMessages.Choose(table, clientId, language);
    }
}
