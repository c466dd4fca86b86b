using System.Globalization;
using System.Text;

namespace IdentityHub.Core.Members;

/// <summary>The normalized forms a member proof and the roster are compared in.</summary>
public static class MemberFields
{
    /// <summary>Upper case, letters and digits only: "ab-123 4567" becomes "AB1234567".</summary>
    public static string NormalizeMemberId(string? value) => Keep(value, char.IsAsciiLetterOrDigit);

    /// <summary>Upper case, letters only, accents removed: "Núñez-O'Brien" becomes "NUNEZOBRIEN".</summary>
    public static string NormalizeName(string? value) =>
        Keep((value ?? "").Normalize(NormalizationForm.FormD), c => char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);

    /// <summary>The first five digits of a US ZIP or ZIP+4 ("94110-1234" becomes "94110"); empty when there are fewer.</summary>
    public static string NormalizePostalCode(string? value)
    {
        var digits = Keep(value, char.IsAsciiDigit);
        return digits.Length >= 5 ? digits[..5] : "";
    }

    private static string Keep(string? value, Func<char, bool> keep)
    {
        var builder = new StringBuilder(value?.Length ?? 0);
        foreach (var c in value ?? "")
        {
            if (keep(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }
}
