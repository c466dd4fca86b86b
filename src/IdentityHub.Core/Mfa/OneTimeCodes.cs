using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// Makes one-time codes and the salted hashes they are stored as. A code is bound to a purpose
/// (sign-in, enrollment) and to the attempt that asked for it, so it cannot be replayed elsewhere.
/// </summary>
public static class OneTimeCodes
{
    /// <summary>A code of <paramref name="length"/> decimal digits, each drawn uniformly from a
    /// cryptographic generator; leading zeros are kept.</summary>
    public static string Generate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return string.Create(length, 0, static (digits, _) =>
        {
            for (var i = 0; i < digits.Length; i++)
            {
                digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
    }

    /// <summary>A fresh salt: 16 random bytes, base64url without padding.</summary>
    public static string NewSalt() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// HMAC-SHA256, keyed by the salt (its UTF-8 text), over <c>purpose|binding|code</c>, as base64url.
    /// The binding is the id of the sign-in attempt or enrollment the code was issued for.
    /// </summary>
    /// <exception cref="ArgumentException">The purpose contains <c>|</c>, which would make the input ambiguous.</exception>
    public static string Hash(string code, string salt, string purpose, string binding) =>
        Base64Url.EncodeToString(Mac(code, salt, purpose, binding));

    /// <summary>
    /// Whether what the user typed is the code behind <paramref name="expectedHash"/> for this purpose and
    /// binding. The input is normalised first (see <see cref="Normalize"/>); the hashes are compared in
    /// constant time.
    /// </summary>
    public static bool Matches(string entered, string salt, string purpose, string binding, string expectedHash)
    {
        ArgumentNullException.ThrowIfNull(expectedHash);

        var code = Normalize(entered);
        if (code.Length == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Base64Url.TryDecodeFromChars(expectedHash, expected, out var written) || written != expected.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(code, salt, purpose, binding), expected);
    }

    /// <summary>
    /// What the user typed, as plain ASCII digits: trimmed, without spaces or dashes (so "123 456" and a
    /// pasted "123-456" work), with digits from other scripts (e.g. full-width) turned into ASCII.
    /// Anything else is kept so that the caller can tell the input is malformed.
    /// </summary>
    public static string Normalize(string entered)
    {
        if (string.IsNullOrEmpty(entered))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(entered.Length);
        foreach (var c in entered)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category == UnicodeCategory.DashPunctuation || category == UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(category == UnicodeCategory.DecimalDigitNumber && c > '9'
                ? (char)('0' + (int)char.GetNumericValue(c))
                : c);
        }

        return builder.ToString();
    }

    private static byte[] Mac(string code, string salt, string purpose, string binding)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(salt);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(binding);
        if (purpose.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("The purpose must not contain '|'.", nameof(purpose));
        }

        var message = Encoding.UTF8.GetBytes($"{purpose}|{binding}|{code}");
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), message);
    }
}
