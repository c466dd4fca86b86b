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
    /// The rules, in the order the page shows them before the user types, as keys of the server's texts:
    /// "At least 8 characters" is <c>PasswordRequirement.MinimumLength</c> with 8, "Not a commonly used
    /// password" is <c>PasswordRequirement.NotCommon</c>.
    /// </summary>
    public IReadOnlyList<RuleMessage> Describe()
    {
        var rules = new List<RuleMessage>
        {
            new("PasswordRequirement.MinimumLength", MinimumLength),
            new("PasswordRequirement.MaximumLength", MaximumLength),
        };

        if (RequireMixedCase)
        {
            rules.Add(new("PasswordRequirement.MixedCase"));
        }

        if (RequireSpecialCharacter)
        {
            rules.Add(new("PasswordRequirement.SpecialCharacter"));
        }

        if (UseBlocklist)
        {
            rules.Add(new("PasswordRequirement.NotCommon"));
        }

        if (CheckBreaches)
        {
            rules.Add(new("PasswordRequirement.NotBreached"));
        }

        rules.Add(new("PasswordRequirement.NotPersonal"));

        if (HistoryCount > 0)
        {
            rules.Add(HistoryCount == 1 ? new("PasswordRequirement.NotPrevious") : new("PasswordRequirement.NotRecent", HistoryCount));
        }

        if (Expiry is { } expiry)
        {
            rules.Add(Changed(expiry));
        }

        return rules;
    }

    /// <summary>Every day, every N days, or hours when shorter than a day.</summary>
    private static RuleMessage Changed(TimeSpan span)
    {
        if (span >= TimeSpan.FromDays(1))
        {
            var days = (int)Math.Round(span.TotalDays);
            return days == 1 ? new("PasswordRequirement.ChangedDaily") : new("PasswordRequirement.ChangedEveryDays", days);
        }

        var hours = Math.Max(1, (int)Math.Ceiling(span.TotalHours));
        return hours == 1 ? new("PasswordRequirement.ChangedHourly") : new("PasswordRequirement.ChangedEveryHours", hours);
    }
}
