using System.Globalization;
using System.Resources;
using IdentityHub.Core.Accounts;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// The account rules' messages (<see cref="RuleMessage"/>, from IdentityHub.Core) in words: for a page in the
/// reader's language with the plan's wording (<see cref="IStringLocalizer{RuleText}"/>), and for the
/// operators' commands in the English of the resource file.
/// </summary>
public static class RuleWords
{
    private static readonly ResourceManager Resources = new(typeof(RuleText).FullName!, typeof(RuleText).Assembly);

    public static string Words(this IStringLocalizer<RuleText> text, RuleMessage message) => text[message.Key, message.Arguments].Value;

    /// <summary>Several messages as one paragraph, each sentence after the other.</summary>
    public static string Words(this IStringLocalizer<RuleText> text, IEnumerable<RuleMessage> messages) =>
        string.Join(' ', messages.Select(message => text.Words(message)));

    /// <summary>The English of the resource file, whatever the machine's language: for console output that operators read.</summary>
    public static string English(RuleMessage message) =>
        Resources.GetString(message.Key, CultureInfo.InvariantCulture) is { } words
            ? string.Format(CultureInfo.InvariantCulture, words, message.Arguments)
            : message.ToString();

    /// <summary>What is wrong with a username in English for the operators' commands; null when it is acceptable.</summary>
    public static string? EnglishUsernameProblem(string? userName) =>
        UsernameRules.Problems(userName) is { Count: > 0 } problems ? string.Join(' ', problems.Select(English)) : null;
}
