using IdentityHub.Data.Users;
using IdentityHub.Hosting.Wording;

namespace IdentityHub.Administration.Texts;

/// <summary>
/// The words of one administration email, in its reader's language: the person's saved language when the
/// email is about an account, else English (an invitee or a registration's administrators have no account
/// yet), unless the caller knows better (a registration's receipt goes in the language its form was sent in).
/// </summary>
public sealed class MailWords(LanguageTexts texts, string? language)
{
    public string Language { get; } = SupportedLanguages.Match(language) ?? SupportedLanguages.English;

    /// <summary>The words for a person's account: their saved language, else English.</summary>
    public static MailWords For(LanguageTexts texts, IdentityHubUser person) => new(texts, person.PreferredLanguage);

    public string this[string key, params object[] arguments] => texts.Text<AdministrationMailText>(key, Language, clientId: null, arguments);

    /// <summary>Paragraphs joined into an email body: "Hello …", the paragraphs, then the reference number.</summary>
    public string Body(string greetingName, string reference, params string[] paragraphs) =>
        string.Join("\n\n", [this["AdminMail.Hello", greetingName], .. paragraphs, this["AdminMail.Reference", reference]]);

    /// <summary>"Tuesday, December 8, 2026 at 3:00 PM UTC": a date nobody misreads, in the one time zone every reader can look up.</summary>
    public string When(DateTimeOffset at) => this["AdminMail.When", at.UtcDateTime];

    /// <summary>"72 hours" or "3 days": a lifetime in words; whole days from <paramref name="daysFrom"/> days on.</summary>
    public string Duration(TimeSpan span, int daysFrom = 1) => span switch
    {
        _ when span.TotalDays >= daysFrom && span.TotalDays % 1 == 0 => Count("Day", (int)span.TotalDays),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Count("Hour", (int)span.TotalHours),
        _ => Count("Minute", (int)Math.Max(1, Math.Ceiling(span.TotalMinutes))),
    };

    private string Count(string unit, int count) => count == 1 ? this[$"AdminMail.{unit}.One"] : this[$"AdminMail.{unit}.Many", count];
}
