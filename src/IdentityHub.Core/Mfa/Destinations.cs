using PhoneNumbers;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// Destinations masked the way the plans show them on the challenge page: enough for the user to
/// recognise, too little to learn the address.
/// </summary>
public static class Destinations
{
    private const string Stars = "*****";

    /// <summary>
    /// <c>rosar@hpsm.org</c> becomes <c>r*****r@hpsm.org</c>: first and last character of the local part with
    /// a fixed five stars between, so the length is not revealed. A local part of one or two characters shows
    /// only its first. The domain is shown.
    /// </summary>
    public static string MaskEmail(string email)
    {
        var trimmed = (email ?? string.Empty).Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0)
        {
            return Stars;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        var first = FirstCharacter(local);
        var rest = local[first.Length..];

        // With two characters or fewer, showing the last would show it all.
        return rest.Length == 0 || LastCharacter(rest) == rest
            ? $"{first}{Stars}@{domain}"
            : $"{first}{Stars}{LastCharacter(rest)}@{domain}";
    }

    /// <summary>
    /// An E.164 number masked to its last four digits: <c>(***) ***-2652</c> for +1 (North America),
    /// <c>+44 *** *** 0123</c> elsewhere.
    /// </summary>
    public static string MaskPhone(string e164)
    {
        var trimmed = (e164 ?? string.Empty).Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4)
        {
            return "***";
        }

        var last4 = digits[^4..];
        var countryCode = CountryCode(trimmed);
        return countryCode switch
        {
            1 => $"(***) ***-{last4}",
            > 0 => $"+{countryCode} *** *** {last4}",
            _ => $"*** *** {last4}",
        };
    }

    private static int CountryCode(string e164)
    {
        if (!e164.StartsWith('+'))
        {
            return 0;
        }

        try
        {
            return PhoneNumberUtil.GetInstance().Parse(e164, null).CountryCode;
        }
        catch (NumberParseException)
        {
            return 0;
        }
    }

    // Keep surrogate pairs (e.g. an emoji) whole rather than showing half a character.
    private static string FirstCharacter(string text) =>
        text.Length > 1 && char.IsSurrogatePair(text[0], text[1]) ? text[..2] : text[..1];

    private static string LastCharacter(string text) =>
        text.Length > 1 && char.IsSurrogatePair(text[^2], text[^1]) ? text[^2..] : text[^1..];
}
