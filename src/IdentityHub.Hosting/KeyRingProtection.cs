using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdentityHub.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityHub.Hosting;

/// <summary>
/// Encrypts the Data Protection key ring (which protects the signing keys, and is stored in the same
/// database) with a certificate kept outside the database (O6, decision 0011). Old certificates stay
/// for decryption after a rotation. Outside Development a missing certificate stops the server unless
/// the operator opted out; every problem with a certificate stops it with a message naming the key.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>
    /// Data Protection for a host: the key ring in the shared database (the <c>DataProtectionKeys</c> table),
    /// encrypted with the configured certificate. Both hosts read one ring with one certificate; each names
    /// its own <paramref name="applicationName"/>, so neither can read what the other protected (decision 0019).
    /// </summary>
    public static IDataProtectionBuilder AddIdentityHubDataProtection(this IServiceCollection services, string applicationName, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddDataProtection()
            .SetApplicationName(applicationName)
            .PersistKeysToDbContext<IdentityHubDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration, environment);

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = Read(configuration);
        if (!settings.Certificate.IsSet)
        {
            if (settings.PreviousCertificates.Count > 0)
            {
                throw new StartupException($"{KeyRingProtectionSettings.Section}:PreviousCertificates needs {KeyRingProtectionSettings.Section}:Certificate (the certificate that encrypts new keys).");
            }

            if (!environment.IsDevelopment() && !settings.AllowUnencryptedKeyRing)
            {
                throw new StartupException(
                    $"{KeyRingProtectionSettings.Section}:Certificate:Path (or :Thumbprint) is required outside Development: it names the certificate that encrypts " +
                    $"the Data Protection key ring, which is stored in the database beside the keys it protects. To run without it and accept that " +
                    $"a copy of the database yields every key, set {KeyRingProtectionSettings.Section}:AllowUnencryptedKeyRing=true (see docs/security.md).");
            }

            return builder;
        }

        var current = Load(settings.Certificate, $"{KeyRingProtectionSettings.Section}:Certificate", environment);
        var previous = settings.PreviousCertificates
            .Select((source, index) => Load(source, $"{KeyRingProtectionSettings.Section}:PreviousCertificates:{index}", environment))
            .ToArray();
        builder.ProtectKeysWithCertificate(current);
        // The current certificate decrypts too; the previous ones only decrypt keys written before the rotation.
        builder.UnprotectKeysWithAnyCertificate([current, .. previous]);
        return builder;
    }

    private static KeyRingProtectionSettings Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(KeyRingProtectionSettings.Section).Get<KeyRingProtectionSettings>() ?? new();
        }
        catch (InvalidOperationException error)
        {
            throw new StartupException(error.Message);
        }
    }

    private static X509Certificate2 Load(CertificateSource source, string key, IHostEnvironment environment)
    {
        X509Certificate2 certificate;
        if (!string.IsNullOrWhiteSpace(source.Path))
        {
            var path = System.IO.Path.GetFullPath(source.Path, environment.ContentRootPath);
            if (!File.Exists(path))
            {
                throw new StartupException($"{key}:Path: no certificate file at {path}.");
            }

            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, source.Password, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException error)
            {
                throw new StartupException($"{key}:Path: {path} cannot be read as a PKCS#12 (.pfx) file with the password in {key}:Password ({error.Message}).");
            }
        }
        else
        {
            certificate = FromStore(source.Thumbprint!.Trim(), key);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new StartupException($"{key}: the certificate {certificate.Subject} must be an RSA certificate with its private key (it decrypts the key ring).");
        }

        return certificate;
    }

    private static X509Certificate2 FromStore(string thumbprint, string key)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new StartupException($"{key}:Thumbprint: no certificate {thumbprint} in the CurrentUser or LocalMachine 'My' store.");
    }
}
