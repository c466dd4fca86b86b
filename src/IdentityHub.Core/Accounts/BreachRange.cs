using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// The k-anonymity range lookup of Pwned Passwords-compatible services: the password's SHA-1 in upper-case
/// hex is split into a 5-digit prefix, which is all that is sent, and a 35-digit suffix, which is looked
/// for in the answer's <c>SUFFIX:COUNT</c> lines.
/// </summary>
public static class BreachRange
{
    /// <summary>Hex digits sent to the service.</summary>
    public const int PrefixLength = 5;

    /// <summary>Hex digits that stay here.</summary>
    public const int SuffixLength = 35;

    /// <summary>
    /// The prefix to send and the suffix to look for. The password is hashed exactly as typed (UTF-8, not
    /// normalised): breach corpora hold what people typed, and so does the stored password.
    /// </summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "The range API is keyed by SHA-1; the hash is a lookup key, never stored or used for protection.")]
    public static (string Prefix, string Suffix) Split(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hex = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
        return (hex[..PrefixLength], hex[PrefixLength..]);
    }

    /// <summary>
    /// How often <paramref name="suffix"/> was seen according to a range answer; 0 when it is not there.
    /// Suffixes compare ignoring case. Padding lines (count 0) and malformed lines are skipped.
    /// </summary>
    public static int CountOf(string body, string suffix)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(suffix);

        foreach (var rawLine in body.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            var colon = line.IndexOf(':');
            if (colon != SuffixLength || !IsHex(line[..colon]))
            {
                continue;
            }

            if (!long.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                continue;
            }

            if (line[..colon].Equals(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (int)Math.Min(count, int.MaxValue);
            }
        }

        return 0;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
