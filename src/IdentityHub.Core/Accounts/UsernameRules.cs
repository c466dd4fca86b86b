using System.Globalization;
using System.Text;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// Usernames (A1): 1 to 64 characters, none of <see cref="RefusedCharacters"/>, no control or invisible
/// characters, no leading or trailing spaces. Letters, digits, spaces inside, <c>@</c>, <c>.</c>, <c>-</c>,
/// <c>_</c> and the rest are fine, so an email address is a valid username.
/// Uniqueness ignores case: store <see cref="Normalize"/>d names and let ASP.NET Core Identity's
/// <c>UpperInvariantLookupNormalizer</c> compare them upper-cased with the invariant culture.
/// </summary>
public static class UsernameRules
{
    /// <summary>Most characters (Unicode code points) in a username.</summary>
    public const int MaxLength = 64;

    /// <summary>The characters A1 refuses.</summary>
    public const string RefusedCharacters = ";:<>,[]()\\\"'~`%^&+={}|?/";

    /// <summary>What the page says when the normalised name is already held (A1).</summary>
    public static RuleMessage Taken { get; } = new("UsernameRule.Taken");

    /// <summary>What the page says when a username is refused for a reason <see cref="Problems"/> does not name.</summary>
    public static RuleMessage Unusable { get; } = new("UsernameRule.Unusable");

    /// <summary>
    /// Empty when <paramref name="userName"/> is acceptable; otherwise every sentence saying what is wrong, e.g.
    /// <c>UsernameRule.RefusedCharacters</c> with "; :" (each refused character it holds, once, space-separated).
    /// Length and characters are judged on the NFKC form that <see cref="Normalize"/> stores, so a full-width
    /// "；" counts as ";".
    /// </summary>
    public static IReadOnlyList<RuleMessage> Problems(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return [new("UsernameRule.Required")];
        }

        var problems = new List<RuleMessage>();
        if (userName.Trim().Length != userName.Length)
        {
            problems.Add(new("UsernameRule.EdgeSpace"));
        }

        var normalized = Normalize(userName);
        var length = 0;
        var invisible = false;
        var refused = new List<char>();
        foreach (var rune in normalized.EnumerateRunes())
        {
            length++;
            invisible |= IsInvisible(rune);
            if (rune.IsBmp && RefusedCharacters.Contains((char)rune.Value, StringComparison.Ordinal) && !refused.Contains((char)rune.Value))
            {
                refused.Add((char)rune.Value);
            }
        }

        if (length > MaxLength)
        {
            problems.Add(new("UsernameRule.TooLong", MaxLength));
        }

        if (invisible)
        {
            problems.Add(new("UsernameRule.Invisible"));
        }

        if (refused.Count > 0)
        {
            problems.Add(new("UsernameRule.RefusedCharacters", string.Join(' ', refused)));
        }

        return problems;
    }

    /// <summary>
    /// The form to store and to look up: spaces trimmed and NFKC applied, so look-alike encodings of one name
    /// are one name. Case is kept; comparison ignores it through Identity's upper-invariant normalised name.
    /// </summary>
    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var trimmed = userName.Trim();
        try
        {
            return trimmed.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16; Problem reports the lone surrogate as an invisible character.
            return trimmed;
        }
    }

    // A lone surrogate enumerates as U+FFFD.
    private static bool IsInvisible(Rune rune) => rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
