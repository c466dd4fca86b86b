using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Console;

/// <summary>
/// Audit events in the words the help desk reads to a caller ("Second factors reset"), from ConsoleText
/// (<c>ConsoleEvent.Person.MfaReset</c> for <c>person.mfa_reset</c>); an event without words there is shown by its
/// name, so a new event is never hidden.
/// </summary>
public static class EventDescriptions
{
    public static string Of(IStringLocalizer text, string @event) => Find(text, "ConsoleEvent." + KeyOf(@event, '.')) ?? @event;

    /// <summary>"succeeded" → "Succeeded" (<c>ConsoleEventOutcome.Succeeded</c>); an outcome without words shows as recorded.</summary>
    public static string OutcomeOf(IStringLocalizer text, string outcome) =>
        string.IsNullOrEmpty(outcome)
            ? text["ConsoleEventOutcome.NotRecorded"]
            : Find(text, "ConsoleEventOutcome." + KeyOf(outcome, '.')) ?? char.ToUpper(outcome[0], CultureInfo.InvariantCulture) + outcome[1..].Replace('_', ' ');

    private static string? Find(IStringLocalizer text, string key) => text[key] is { ResourceNotFound: false } found ? found.Value : null;

    /// <summary>"person.mfa_reset" → "Person.MfaReset"; "not delivered" → "NotDelivered".</summary>
    private static string KeyOf(string name, char separator) =>
        string.Join(separator, name.Split(separator).Select(segment => string.Concat(
            segment.Split('_', ' ', '-').Where(word => word.Length > 0).Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..]))));
}
