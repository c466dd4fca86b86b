using System.Security.Cryptography;
using IdentityHub.Core.Keys;
using IdentityHub.Data.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>Creates RSA key pairs and turns stored keys back into credentials.</summary>
internal sealed class KeyMaterial(IDataProtectionProvider dataProtection)
{
    private const int KeySize = 2048;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("IdentityHub.Keys.v1");

    public StoredKey Create(KeySchedule schedule)
    {
        using var rsa = RSA.Create(KeySize);
        return new StoredKey
        {
            Id = schedule.KeyId,
            Use = schedule.Use,
            Algorithm = schedule.Use == KeyUse.Signing ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.RsaOAEP,
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            PublishedAt = schedule.PublishedAt,
            ActivatesAt = schedule.ActivatesAt,
            RetiresAt = schedule.RetiresAt,
            ExpiresAt = schedule.ExpiresAt,
        };
    }

    public RsaSecurityKey Open(StoredKey stored)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(stored.ProtectedPrivateKey)), out _);
        return new RsaSecurityKey(rsa) { KeyId = stored.Id };
    }
}
