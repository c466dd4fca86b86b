using System.Security.Cryptography;
using IdentityHub.Core.Keys;
using IdentityHub.Data.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>
/// Creates keys and turns stored keys back into security keys: RSA (RS256, PS256) and ECDSA P-256 (ES256) key
/// pairs, stored as PKCS#8, to sign what portals and APIs check, 256-bit secrets for what only the server reads (its codes and refresh tokens), where an
/// RSA private-key operation per token would cost more than the rest of the request.
/// </summary>
internal sealed class KeyMaterial(IDataProtectionProvider dataProtection)
{
    private const int RsaKeySize = 2048;
    private const int SecretBytes = 32;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("IdentityHub.Keys.v1");

    public StoredKey Create(KeySchedule schedule)
    {
        var (algorithm, secret) = schedule.Use switch
        {
            KeyUse.Signing => (SecurityAlgorithms.RsaSha256, NewRsaKey()),
            KeyUse.SigningPs256 => (SecurityAlgorithms.RsaSsaPssSha256, NewRsaKey()),
            KeyUse.SigningEs256 => (SecurityAlgorithms.EcdsaSha256, NewEcKey()),
            KeyUse.Encryption => (SecurityAlgorithms.Aes256KW, RandomNumberGenerator.GetBytes(SecretBytes)),
            KeyUse.ServerSigning => (SecurityAlgorithms.HmacSha256, RandomNumberGenerator.GetBytes(SecretBytes)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Use, "Unknown key use."),
        };

        return new StoredKey
        {
            Id = schedule.KeyId,
            Use = schedule.Use,
            Algorithm = algorithm,
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(secret)),
            PublishedAt = schedule.PublishedAt,
            ActivatesAt = schedule.ActivatesAt,
            RetiresAt = schedule.RetiresAt,
            ExpiresAt = schedule.ExpiresAt,
        };
    }

    /// <summary>
    /// An <see cref="RsaSecurityKey"/> for RS256, PS256 and RSA-OAEP keys, an <see cref="ECDsaSecurityKey"/> for ES256 keys,
    /// a <see cref="SymmetricSecurityKey"/> otherwise.
    /// </summary>
    public SecurityKey Open(StoredKey stored)
    {
        var secret = Convert.FromBase64String(_protector.Unprotect(stored.ProtectedPrivateKey));
        if (stored.Algorithm is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSsaPssSha256 or SecurityAlgorithms.RsaOAEP)
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(secret, out _);
            return new RsaSecurityKey(rsa) { KeyId = stored.Id };
        }

        if (stored.Algorithm is SecurityAlgorithms.EcdsaSha256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(secret, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = stored.Id };
        }

        return new SymmetricSecurityKey(secret) { KeyId = stored.Id };
    }

    private static byte[] NewRsaKey()
    {
        using var rsa = RSA.Create(RsaKeySize);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] NewEcKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKey();
    }
}
