using System.Text;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// Checks a new password against a <see cref="PasswordPolicy"/>: length, composition, the common list and
/// personal words. Every failed rule is reported, so the page can say all that is wrong at once.
/// The history and breach rules are the server's (they compare hashes and ask a service); <see cref="Reused"/>,
/// <see cref="Breached"/> and <see cref="BreachCheckUnavailable"/> give their wording.
/// </summary>
public static class PasswordRules
{
    /// <summary>Personal words shorter than this are refused only when they are the whole password.</summary>
    public const int LeastPersonalWordLength = 4;

    /// <summary>
    /// Every rule <paramref name="password"/> fails, in the order of <see cref="PasswordProblem"/>; empty when it
    /// passes. The password is NFKC-normalised first. Length counts Unicode code points, as NIST SP 800-63B
    /// asks, so an emoji is one character (a sequence joined with zero-width joiners is several).
    /// The blocklist ignores case and also refuses the password with trailing digits, punctuation, symbols
    /// and spaces removed ("Password123!" is "password"). Personal words (username, email, the email's local
    /// part, each service name) are refused, ignoring case, when the password equals one or contains one of
    /// at least <see cref="LeastPersonalWordLength"/> characters; spaces and punctuation are ignored too
    /// ("Jane.Doe" is found in "janedoe2024").
    /// </summary>
    public static IReadOnlyList<PasswordFailure> Check(string password, PasswordPolicy policy, PasswordContext context)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);

        // Nothing composes more than a few code points into one, so far beyond the maximum is too long
        // whatever normalisation does; stop before spending work on it.
        if (password.Length > 16L * Math.Max(policy.MaximumLength, 1))
        {
            return [TooLong(policy)];
        }

        var normalized = NormalizeText(password);
        var length = CountCodePoints(normalized);
        var failures = new List<PasswordFailure>();

        if (length < policy.MinimumLength)
        {
            failures.Add(new PasswordFailure(PasswordProblem.TooShort, new RuleMessage("PasswordRule.TooShort", policy.MinimumLength)));
        }

        if (length > policy.MaximumLength)
        {
            failures.Add(TooLong(policy));
        }

        if (policy.RequireMixedCase && !HasMixedCase(normalized))
        {
            failures.Add(new PasswordFailure(PasswordProblem.NeedsMixedCase, new RuleMessage("PasswordRule.NeedsMixedCase")));
        }

        if (policy.RequireSpecialCharacter && !HasSpecialCharacter(normalized))
        {
            failures.Add(new PasswordFailure(PasswordProblem.NeedsSpecialCharacter, new RuleMessage("PasswordRule.NeedsSpecialCharacter")));
        }

        var lower = normalized.ToLowerInvariant();
        if (policy.UseBlocklist && IsCommon(lower))
        {
            failures.Add(new PasswordFailure(PasswordProblem.Common, new RuleMessage("PasswordRule.Common")));
        }

        if (PersonalWordsFound(lower, context) is { Length: > 0 } personal)
        {
            // One whole sentence per combination, so each language words its own list.
            failures.Add(new PasswordFailure(PasswordProblem.ContainsPersonalInfo, new RuleMessage("PasswordRule.Contains" + personal)));
        }

        return failures;
    }

    /// <summary>The failure the server reports when the new password matches one of the last
    /// <see cref="PasswordPolicy.HistoryCount"/> passwords.</summary>
    public static PasswordFailure Reused(PasswordPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var message = policy.HistoryCount <= 1
            ? new RuleMessage("PasswordRule.ReusedPrevious")
            : new RuleMessage("PasswordRule.ReusedRecent", policy.HistoryCount);
        return new PasswordFailure(PasswordProblem.Reused, message);
    }

    /// <summary>The failure the server reports when the breach check finds the password in a known breach.</summary>
    public static PasswordFailure Breached() => new(PasswordProblem.Breached, new RuleMessage("PasswordRule.Breached"));

    /// <summary>The failure the server reports when the breach check cannot be done and must not be skipped.</summary>
    public static PasswordFailure BreachCheckUnavailable() => new(PasswordProblem.BreachCheckUnavailable, new RuleMessage("PasswordRule.BreachCheckUnavailable"));

    private static PasswordFailure TooLong(PasswordPolicy policy) => new(PasswordProblem.TooLong, new RuleMessage("PasswordRule.TooLong", policy.MaximumLength));

    /// <summary>NFKC, as SP 800-63B asks; ill-formed UTF-16 (a lone surrogate) is left as it is.</summary>
    private static string NormalizeText(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool HasMixedCase(string text)
    {
        bool upper = false, lower = false;
        foreach (var rune in text.EnumerateRunes())
        {
            upper |= Rune.IsUpper(rune);
            lower |= Rune.IsLower(rune);
        }

        return upper && lower;
    }

    private static bool HasSpecialCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCommon(string lower)
    {
        if (PasswordBlocklist.Contains(lower))
        {
            return true;
        }

        // "password!" and "password123!" are "password" to a guesser.
        var withoutPunctuation = TrimEnd(lower, digits: false);
        if (withoutPunctuation.Length > 0 && withoutPunctuation.Length < lower.Length && PasswordBlocklist.Contains(withoutPunctuation))
        {
            return true;
        }

        var withoutDigitsOrPunctuation = TrimEnd(withoutPunctuation, digits: true);
        return withoutDigitsOrPunctuation.Length > 0
            && withoutDigitsOrPunctuation.Length < withoutPunctuation.Length
            && PasswordBlocklist.Contains(withoutDigitsOrPunctuation);
    }

    private static string TrimEnd(string text, bool digits)
    {
        var end = text.Length;
        while (end > 0)
        {
            var status = Rune.DecodeLastFromUtf16(text.AsSpan(0, end), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || !IsTrailingFiller(rune, digits))
            {
                break;
            }

            end -= consumed;
        }

        return text[..end];
    }

    private static bool IsTrailingFiller(Rune rune, bool digits) =>
        Rune.IsPunctuation(rune) || Rune.IsSymbol(rune) || Rune.IsWhiteSpace(rune) || (digits && Rune.IsDigit(rune));

    /// <summary>Which personal words the password holds, named in a fixed order: "Username", "Email", "Service" joined ("UsernameService"); empty when none.</summary>
    private static string PersonalWordsFound(string lowerPassword, PasswordContext context)
    {
        var found = new StringBuilder();
        var compactPassword = Compact(lowerPassword);

        if (Matches(lowerPassword, compactPassword, context.UserName))
        {
            found.Append("Username");
        }

        var email = context.Email?.Trim();
        var at = email?.LastIndexOf('@') ?? -1;
        if (Matches(lowerPassword, compactPassword, email) || (at > 0 && Matches(lowerPassword, compactPassword, email![..at])))
        {
            found.Append("Email");
        }

        if ((context.ServiceNames ?? []).Any(name => Matches(lowerPassword, compactPassword, name)))
        {
            found.Append("Service");
        }

        return found.ToString();
    }

    private static bool Matches(string lowerPassword, string compactPassword, string? word)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return false;
        }

        var lowerWord = NormalizeText(word.Trim()).ToLowerInvariant();
        if (lowerPassword == lowerWord || Contains(lowerPassword, lowerWord))
        {
            return true;
        }

        // "Jane.Doe" and "health plan" hide in "JaneDoe!" and "myhealthplan" without their separators.
        var compactWord = Compact(lowerWord);
        return compactWord.Length > 0 && (compactPassword == compactWord || Contains(compactPassword, compactWord));
    }

    private static bool Contains(string text, string word) =>
        CountCodePoints(word) >= LeastPersonalWordLength && text.Contains(word, StringComparison.Ordinal);

    /// <summary>Letters and digits only.</summary>
    private static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
