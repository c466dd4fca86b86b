namespace IdentityHub.Hosting;

/// <summary>
/// <c>IdentityHub:DataProtection</c>: the certificate that encrypts the Data Protection key ring in the
/// database (the key-encryption key, kept outside the database), the ones it replaced, and the explicit
/// opt-out. See docs/security.md.
/// </summary>
public sealed class KeyRingProtectionSettings
{
    public const string Section = "IdentityHub:DataProtection";

    /// <summary>Encrypts new keys of the ring and decrypts them.</summary>
    public CertificateSource Certificate { get; set; } = new();

    /// <summary>Certificates rotated out: still decrypt the keys they encrypted, encrypt nothing new.</summary>
    public List<CertificateSource> PreviousCertificates { get; set; } = [];

    /// <summary>
    /// Outside Development the server refuses to start without <see cref="Certificate"/>, unless this is
    /// true: the operator accepts that a copy of the database yields every key.
    /// </summary>
    public bool AllowUnencryptedKeyRing { get; set; }
}

/// <summary>A certificate with its private key: a PKCS#12 file (and its password) or a thumbprint in the store.</summary>
public sealed class CertificateSource
{
    /// <summary>A .pfx/.p12 file, relative to the content root or absolute.</summary>
    public string? Path { get; set; }

    public string? Password { get; set; }

    /// <summary>A certificate in the CurrentUser or LocalMachine "My" store (instead of <see cref="Path"/>).</summary>
    public string? Thumbprint { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);
}
