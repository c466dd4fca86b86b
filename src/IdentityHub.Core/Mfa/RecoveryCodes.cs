using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// Recovery codes: ten single-use codes shown once when set up and stored only as salted hashes. A code
/// is 12 characters of Crockford base32 (60 bits) in three groups of four, e.g. <c>7KQ2-M9XD-4HTP</c>;
/// the alphabet leaves out I, L, O and U so that what is read can be typed.
/// </summary>
public static class RecoveryCodes
{
    /// <summary>How many codes a set holds.</summary>
    public const int Count = 10;

    /// <summary>The Crockford base32 alphabet.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int GroupLength = 4;
    private const int Groups = 3;
    private const int CodeLength = GroupLength * Groups;

    /// <summary><see cref="Count"/> distinct codes, each character drawn uniformly from a cryptographic
    /// generator, formatted <c>XXXX-XXXX-XXXX</c>.</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new List<string>(Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Count)
        {
            var raw = RandomNumberGenerator.GetString(Alphabet, CodeLength);
            if (seen.Add(raw))
            {
                codes.Add(string.Join('-', raw.Chunk(GroupLength).Select(group => new string(group))));
            }
        }

        return codes.AsReadOnly();
    }

    /// <summary>
    /// What the user typed, in the form that is hashed: upper case, without spaces or dashes, with the
    /// look-alikes O read as 0 and I and L read as 1. Other characters are kept (and then simply do not match).
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
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var upper => upper,
            });
        }

        return builder.ToString();
    }

    /// <summary>A fresh salt: 16 random bytes, base64url without padding.</summary>
    public static string NewSalt() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// HMAC-SHA256, keyed by the salt (its UTF-8 text, as for one-time codes), over the normalised code,
    /// as base64url. The code is normalised here too, so a code as generated (with dashes) and as typed
    /// hash alike.
    /// </summary>
    public static string Hash(string code, string salt) => Base64Url.EncodeToString(Mac(code, salt));

    /// <summary>Whether what the user typed is the code behind <paramref name="storedHash"/>; the hashes
    /// are compared in constant time. A stored hash that is not a base64url HMAC-SHA256 matches nothing.</summary>
    public static bool Matches(string entered, string salt, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);

        if (Normalize(entered).Length == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Base64Url.IsValid(storedHash, out var length) || length != expected.Length
            || !Base64Url.TryDecodeFromChars(storedHash, expected, out var written) || written != expected.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(entered, salt), expected);
    }

    private static byte[] Mac(string code, string salt)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(salt);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(Normalize(code)));
    }
}
