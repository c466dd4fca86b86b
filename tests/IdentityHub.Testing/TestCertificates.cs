using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IdentityHub.Testing;

/// <summary>
/// Self-signed RSA certificates made in-process and written to temporary .pfx files, as an operator's
/// key-ring certificate (IdentityHub:DataProtection:Certificate) would be. One shared certificate
/// serves every test server of a run; tests of rotation make their own.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<TestCertificate> SharedKeyRing = new(() => Create("IdentityHub test key ring"));

    /// <summary>The key-ring certificate every test server uses unless a test says otherwise.</summary>
    public static TestCertificate KeyRing => SharedKeyRing.Value;

    public static TestCertificate Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        var password = RandomNumberGenerator.GetHexString(16);
        var path = Path.Combine(Path.GetTempPath(), $"identityhub-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new TestCertificate(path, password, Convert.ToBase64String(certificate.RawData));
    }
}

/// <summary>A .pfx file with its password, and the certificate's DER bytes as base64 (as XML encryption embeds it).</summary>
public sealed record TestCertificate(string Path, string Password, string RawDataBase64);
