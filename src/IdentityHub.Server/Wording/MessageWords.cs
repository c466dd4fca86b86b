using IdentityHub.Data.Users;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Wording;

/// <summary>
/// The words of one email, text message or call to a person (MessageText), in their language: the one
/// saved on their account, else the page's (<see cref="SavedLanguage.For"/>), with the plan's wording for
/// the portal, when there is one, over the defaults.
/// </summary>
public sealed class MessageWords(LanguageTexts texts, string language, string? clientId = null)
{
    public string Language { get; } = SupportedLanguages.Match(language) ?? SupportedLanguages.English;

    public static MessageWords For(LanguageTexts texts, IdentityHubUser person, string? clientId = null) =>
        new(texts, SavedLanguage.For(person), clientId);

    /// <summary>The text as written when no arguments are given (the code templates keep their {code}).</summary>
    public string this[string key, params object[] arguments] => texts.Text<MessageText>(key, Language, clientId, arguments);

    /// <summary>An email body: "Hello,", the paragraphs, then the reference number.</summary>
    public string Body(string reference, params string[] paragraphs) =>
        string.Join("\n\n", [this["Mail.Hello"], .. paragraphs, this["Mail.Reference", reference]]);

    /// <summary>"December 8, 2026 at 3:00 PM UTC", in the message's language.</summary>
    public string When(DateTimeOffset at) => this["Mail.When", at.UtcDateTime];
}
