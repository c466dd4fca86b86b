using IdentityHub.Data.Users;
using IdentityHub.Delivery;

namespace IdentityHub.Administration.People;

/// <summary>
/// The emails a person gets when an administrator acts on their account, in plain words, with the audit
/// reference to read out to the help desk. The only secret one ever carries is the password-reset link.
/// </summary>
public static class AccountNotices
{
    public const string MfaResetSubject = "Your sign-in security was reset";

    public const string PasswordResetSubject = "Choose a new password for your health plan portal account";

    public static DeliveryMessage MfaReset(IdentityHubUser person, string reference) => new(
        DeliveryKind.Email,
        person.Email!,
        MfaResetSubject,
        $"Hello {Greeting(person)},\n\n" +
        $"Your administrator reset the ways you prove it is you when you sign in to your health plan portal account {person.UserName}. " +
        "Your text, call, email and app codes, passkeys, recovery codes and remembered computers no longer work, and you have been signed out everywhere.\n\n" +
        "The next time you sign in with your username and password, we will walk you through setting up a new way to prove it is you.\n\n" +
        $"If you did not ask for this, call your administrator or the help desk and give them this reference number: {reference}.\n\n" +
        $"Reference number: {reference}",
        reference);

    public static DeliveryMessage PasswordReset(IdentityHubUser person, Uri link, TimeSpan lifetime, string reference) => new(
        DeliveryKind.Email,
        person.Email!,
        PasswordResetSubject,
        $"Hello {Greeting(person)},\n\n" +
        $"Your administrator asked us to send you this link so that you can choose a new password for your health plan portal account {person.UserName}.\n\n" +
        $"{link}\n\n" +
        $"The link works once, for {Duration(lifetime)}. Your administrator never sees your password. " +
        "After you choose it, sign in with it as usual (you will still be asked for your second step).\n\n" +
        $"If you did not expect this email, you can ignore it, or call the help desk and give them this reference number: {reference}.\n\n" +
        $"Reference number: {reference}",
        reference);

    private static string Greeting(IdentityHubUser person) =>
        string.IsNullOrWhiteSpace(person.GivenName) ? person.UserName ?? "" : person.GivenName;

    /// <summary>"24 hours", "2 days", "30 minutes".</summary>
    public static string Duration(TimeSpan lifetime) => lifetime switch
    {
        { TotalDays: >= 2 } when lifetime.TotalDays == Math.Floor(lifetime.TotalDays) => $"{lifetime.TotalDays:0} days",
        { TotalHours: >= 1 } when lifetime.TotalHours == Math.Floor(lifetime.TotalHours) => $"{lifetime.TotalHours:0} hour{(lifetime.TotalHours == 1 ? "" : "s")}",
        _ => $"{Math.Ceiling(lifetime.TotalMinutes):0} minutes",
    };
}
