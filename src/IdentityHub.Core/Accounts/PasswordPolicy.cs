using System.Globalization;

namespace IdentityHub.Core.Accounts;

/// <summary>The password policy in force, from <see cref="PasswordPolicySettings.Resolve"/>.</summary>
/// <param name="MinimumLength">Fewest characters (Unicode code points after NFKC normalisation).</param>
/// <param name="MaximumLength">Most characters, counted the same way.</param>
/// <param name="RequireMixedCase">Both an upper-case and a lower-case letter are required.</param>
/// <param name="RequireSpecialCharacter">A character that is neither a letter nor a digit is required.</param>
/// <param name="Expiry">How long a password lasts; <see langword="null"/> when it never expires.</param>
/// <param name="HistoryCount">How many previous passwords are refused (checked by the server against hashes).</param>
/// <param name="UseBlocklist">Whether common passwords are refused.</param>
/// <param name="CheckBreaches">Whether passwords seen in data breaches are refused (checked by the server against a range API).</param>
public sealed record PasswordPolicy(
    int MinimumLength,
    int MaximumLength,
    bool RequireMixedCase,
    bool RequireSpecialCharacter,
    TimeSpan? Expiry,
    int HistoryCount,
    bool UseBlocklist,
    bool CheckBreaches = false)
{
    /// <summary>
    /// The rules in plain words, in the order the page shows them before the user types, for example
    /// "At least 8 characters", "Not a commonly used password",
    /// "Not your username, email or the name of this service".
    /// </summary>
    public IReadOnlyList<string> Describe()
    {
        var rules = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"At least {MinimumLength} characters"),
            string.Create(CultureInfo.InvariantCulture, $"No more than {MaximumLength} characters"),
        };

        if (RequireMixedCase)
        {
            rules.Add("Both upper-case and lower-case letters");
        }

        if (RequireSpecialCharacter)
        {
            rules.Add("At least one special character (not a letter or a digit), such as ! # $ or @");
        }

        if (UseBlocklist)
        {
            rules.Add("Not a commonly used password");
        }

        if (CheckBreaches)
        {
            rules.Add("Not a password that has appeared in a known data breach");
        }

        rules.Add("Not your username, email or the name of this service");

        if (HistoryCount > 0)
        {
            rules.Add(HistoryCount == 1
                ? "Not your previous password"
                : string.Create(CultureInfo.InvariantCulture, $"Not one of your last {HistoryCount} passwords"));
        }

        if (Expiry is { } expiry)
        {
            rules.Add($"Must be changed every {Duration(expiry)}");
        }

        return rules;
    }

    /// <summary>"365 days", "1 day", or hours when shorter than a day.</summary>
    private static string Duration(TimeSpan span)
    {
        if (span >= TimeSpan.FromDays(1))
        {
            var days = (int)Math.Round(span.TotalDays);
            return days == 1 ? "day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
        }

        var hours = Math.Max(1, (int)Math.Ceiling(span.TotalHours));
        return hours == 1 ? "hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} hours");
    }
}
