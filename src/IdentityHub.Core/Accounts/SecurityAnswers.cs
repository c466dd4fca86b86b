using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// Answers to security questions (A8): compared after normalising (Unicode compatibility form, case,
/// and any run of spaces or punctuation counts as one space), and stored only as a slow salted hash,
/// because answers are short and guessable. "  New   York. " and "new york" are the same answer.
/// </summary>
public static class SecurityAnswers
{
    /// <summary>PBKDF2-HMAC-SHA256 rounds; answers are low in entropy, so each guess must cost.</summary>
    public const int Iterations = 100_000;

    /// <summary>The longest answer accepted (before normalising).</summary>
    public const int MaximumLength = 100;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>The form that is hashed: NFKC, lower case, words separated by single spaces.</summary>
    public static string Normalize(string answer)
    {
        var folded = answer.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var character in folded)
        {
            if (char.IsLetterOrDigit(character))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(character);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>A new salt, base64.</summary>
    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>The stored hash of an answer (base64), for the given salt.</summary>
    public static string Hash(string answer, string salt) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(Normalize(answer)), Convert.FromBase64String(salt), Iterations, HashAlgorithmName.SHA256, HashBytes));

    /// <summary>Whether the answer matches the stored hash, compared in constant time.</summary>
    public static bool Matches(string answer, string salt, string hash)
    {
        var expected = Convert.FromBase64String(hash);
        var actual = Convert.FromBase64String(Hash(answer, salt));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
