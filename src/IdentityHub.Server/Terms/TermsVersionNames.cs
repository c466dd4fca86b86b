using System.Globalization;

namespace IdentityHub.Server.Terms;

/// <summary>
/// What a terms version is called (A5). Chosen by the publisher, or by default the UTC date and a running
/// number for that day, <c>2026-12-04.1</c>, <c>2026-12-04.2</c>: the number is the lowest one not yet used,
/// so a default name never repeats one already published, and it sorts by date for people reading the list.
/// </summary>
public static class TermsVersionNames
{
    /// <summary>The length of the <c>Version</c> column.</summary>
    public const int MaxLength = 32;

    public const int TitleMaxLength = 200;

    public const string DefaultTitle = "Terms of use";

    /// <summary>The default name on <paramref name="now"/>'s UTC day, given the names already published.</summary>
    public static string Default(DateTimeOffset now, IEnumerable<string> published)
    {
        var day = DayPrefix(now);
        var taken = published.ToHashSet(StringComparer.Ordinal);
        var number = 1;
        while (taken.Contains(day + number.ToString(CultureInfo.InvariantCulture)))
        {
            number++;
        }

        return day + number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The UTC day's prefix of the default names, to look up the ones already published.</summary>
    public static string DayPrefix(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".";

    /// <summary>Null when <paramref name="version"/> can name a version: 1 to 32 letters, digits, dots, dashes or underscores.</summary>
    public static string? Problem(string version) =>
        version.Length is 0 or > MaxLength || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? $"A terms version is 1 to {MaxLength} letters, digits, dots, dashes or underscores (like 2027-01 or 2027-01-15.1); '{version}' is not."
            : null;

    /// <summary>Null when <paramref name="title"/> can be a title: 1 to 200 characters, no control characters.</summary>
    public static string? TitleProblem(string title) =>
        title.Length is 0 or > TitleMaxLength || title.Any(char.IsControl)
            ? $"A terms title is 1 to {TitleMaxLength} characters on one line."
            : null;
}
