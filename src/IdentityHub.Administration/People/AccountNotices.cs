using IdentityHub.Administration.Texts;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;

namespace IdentityHub.Administration.People;

/// <summary>
/// The emails a person gets when an administrator acts on their account, in plain words, with the audit
/// reference to read out to the help desk, in the person's saved language. The only secret one ever carries is the password-reset link.
/// </summary>
public static class AccountNotices
{
    public static DeliveryMessage MfaReset(MailWords words, IdentityHubUser person, string reference) => new(
        DeliveryKind.Email,
        person.Email!,
        words["AdminMail.MfaReset.Subject"],
        words.Body(Greeting(person), reference,
            words["AdminMail.MfaReset.What", person.UserName ?? ""],
            words["AdminMail.MfaReset.Next"],
            words["AdminMail.MfaReset.NotYou", reference]),
        reference);

    public static DeliveryMessage PasswordReset(MailWords words, IdentityHubUser person, Uri link, TimeSpan lifetime, string reference) => new(
        DeliveryKind.Email,
        person.Email!,
        words["AdminMail.PasswordLink.Subject"],
        words.Body(Greeting(person), reference,
            words["AdminMail.PasswordLink.Why", person.UserName ?? ""],
            link.ToString(),
            words["AdminMail.PasswordLink.Link", words.Duration(lifetime, daysFrom: 2)],
            words["AdminMail.PasswordLink.Unexpected", reference]),
        reference);

    private static string Greeting(IdentityHubUser person) =>
        string.IsNullOrWhiteSpace(person.GivenName) ? person.UserName ?? "" : person.GivenName;

    /// <summary>"24 hours", "2 days", "30 minutes" (the console's English; the email says it in its reader's language).</summary>
    public static string Duration(TimeSpan lifetime) => lifetime switch
    {
        { TotalDays: >= 2 } when lifetime.TotalDays == Math.Floor(lifetime.TotalDays) => $"{lifetime.TotalDays:0} days",
        { TotalHours: >= 1 } when lifetime.TotalHours == Math.Floor(lifetime.TotalHours) => $"{lifetime.TotalHours:0} hour{(lifetime.TotalHours == 1 ? "" : "s")}",
        _ => $"{Math.Ceiling(lifetime.TotalMinutes):0} minutes",
    };
}
