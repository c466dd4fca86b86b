using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Accounts.LegacyPasswords;

/// <summary>
/// PBKDF2 with HMAC-SHA1, -SHA256 or -SHA512, in the three text forms common in exported user tables:
/// <list type="bullet">
/// <item>Django: <c>pbkdf2_sha256$iterations$salt$base64(hash)</c> (also <c>pbkdf2_sha1</c>); the salt is text, used as UTF-8.</item>
/// <item>passlib: <c>$pbkdf2-sha256$iterations$ab64(salt)$ab64(hash)</c> (also <c>$pbkdf2$</c> for SHA-1 and
/// <c>$pbkdf2-sha512$</c>); "ab64" is base64 with <c>.</c> for <c>+</c> and no padding.</item>
/// <item>Werkzeug: <c>pbkdf2:sha256:iterations$salt$hex(hash)</c>; the salt is text, used as UTF-8; the
/// iteration count must be written (its default changed between Werkzeug versions).</item>
/// </list>
/// The derived key is as long as the stored hash (16 to 64 bytes).
/// </summary>
internal sealed class Pbkdf2Hash(string scheme, HashAlgorithmName prf, int iterations, byte[] salt, byte[] expected) : LegacyPasswordHash
{
    public override string Scheme { get; } = scheme;

    public override bool Verify(string password)
    {
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, prf, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static ParseResult ReadDjango(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 4)
        {
            return ParseResult.Fail("A Django PBKDF2 hash looks like pbkdf2_sha256$iterations$salt$hash.");
        }

        var prf = parts[0] switch
        {
            "pbkdf2_sha256" => HashAlgorithmName.SHA256,
            "pbkdf2_sha1" => HashAlgorithmName.SHA1,
            _ => (HashAlgorithmName?)null,
        };
        if (prf is null)
        {
            return ParseResult.Fail($"Unknown Django hasher '{parts[0]}' (pbkdf2_sha256 and pbkdf2_sha1 are accepted).");
        }

        return Build($"{parts[0].Replace('_', '-')} (Django)", prf.Value, parts[1], TextSalt(parts[2]), Base64(parts[3]));
    }

    public static ParseResult ReadPasslib(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0)
        {
            return ParseResult.Fail("A passlib PBKDF2 hash looks like $pbkdf2-sha256$iterations$salt$hash.");
        }

        var prf = parts[1] switch
        {
            "pbkdf2" => HashAlgorithmName.SHA1,
            "pbkdf2-sha256" => HashAlgorithmName.SHA256,
            "pbkdf2-sha512" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (prf is null)
        {
            return ParseResult.Fail($"Unknown passlib scheme '${parts[1]}$' ($pbkdf2$, $pbkdf2-sha256$ and $pbkdf2-sha512$ are accepted).");
        }

        return Build($"{(parts[1] == "pbkdf2" ? "pbkdf2-sha1" : parts[1])} (passlib)", prf.Value, parts[2], AdaptedBase64(parts[3]), AdaptedBase64(parts[4]));
    }

    public static ParseResult ReadWerkzeug(string text)
    {
        var parts = text.Split('$');
        var method = parts[0].Split(':');
        if (parts.Length != 3 || method.Length is < 2 or > 3)
        {
            return ParseResult.Fail("A Werkzeug PBKDF2 hash looks like pbkdf2:sha256:iterations$salt$hash.");
        }

        if (method.Length == 2)
        {
            return ParseResult.Fail("The Werkzeug hash does not say its iteration count (write pbkdf2:sha256:iterations$salt$hash).");
        }

        var prf = method[1] switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (prf is null)
        {
            return ParseResult.Fail($"Unknown Werkzeug hash function '{method[1]}' (sha1, sha256 and sha512 are accepted).");
        }

        return Build($"pbkdf2-{method[1]} (Werkzeug)", prf.Value, method[2], TextSalt(parts[1]), Hex(parts[2]));
    }

    private static ParseResult Build(string scheme, HashAlgorithmName prf, string iterationText, byte[]? salt, byte[]? hash)
    {
        if (!int.TryParse(iterationText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return ParseResult.Fail($"The iteration count '{iterationText}' is not a positive whole number.");
        }

        if (iterations > MaxIterations)
        {
            return ParseResult.Fail($"The iteration count {iterations} is above the {MaxIterations} accepted.");
        }

        if (salt is null)
        {
            return ParseResult.Fail("The salt is empty or not encoded as the format expects.");
        }

        if (hash is null || hash.Length is < 16 or > 64)
        {
            return ParseResult.Fail("The hash part is not encoded as the format expects, or is not 16 to 64 bytes long.");
        }

        return ParseResult.Ok(new Pbkdf2Hash(scheme, prf, iterations, salt, hash));
    }

    private static byte[]? TextSalt(string salt) => salt.Length == 0 ? null : Encoding.UTF8.GetBytes(salt);

    internal static byte[]? Base64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static byte[]? AdaptedBase64(string text)
    {
        if (text.Length == 0 || text.Contains('+', StringComparison.Ordinal) || text.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var standard = text.Replace('.', '+');
        return Base64(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
    }

    internal static byte[]? Hex(string text)
    {
        try
        {
            return text.Length == 0 ? null : Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
