using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IdentityHub.Core.Accounts.LegacyPasswords;

/// <summary>
/// ASP.NET Identity's own formats, from another ASP.NET application: base64 of
/// <c>0x00</c> + 16-byte salt + 32-byte PBKDF2-HMAC-SHA1 key at 1,000 iterations (v2), or
/// <c>0x01</c> + PRF (0 SHA-1, 1 SHA-256, 2 SHA-512) + iterations + salt length (big-endian 32-bit) +
/// salt + key (v3). Imported like the others so that the first sign-in checks the password against
/// the current policy before a fresh hash replaces it. Both are PBKDF2, checked as <see cref="Pbkdf2Hash"/>.
/// </summary>
internal static class AspNetIdentityHash
{
    /// <summary>The hash when the text is one of the two layouts; null when it is not (so "unknown format").</summary>
    public static ParseResult? Read(string text)
    {
        var bytes = Pbkdf2Hash.Base64(text);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        if (bytes[0] == 0x00 && bytes.Length == 49)
        {
            return ParseResult.Ok(new Pbkdf2Hash("aspnet-identity-v2", HashAlgorithmName.SHA1, 1000, bytes[1..17], bytes[17..]));
        }

        if (bytes[0] != 0x01 || bytes.Length < 13 + 16 + 16)
        {
            return null;
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)) switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        if (prf is null || saltLength < 16 || saltLength > bytes.Length - 13 - 16)
        {
            return null;
        }

        if (iterations is 0 or > LegacyPasswordHash.MaxIterations)
        {
            return ParseResult.Fail($"The ASP.NET Identity hash's iteration count {iterations} is outside 1 to {LegacyPasswordHash.MaxIterations}.");
        }

        var salt = bytes[13..(13 + (int)saltLength)];
        return ParseResult.Ok(new Pbkdf2Hash("aspnet-identity-v3", prf.Value, (int)iterations, salt, bytes[(13 + (int)saltLength)..]));
    }
}
