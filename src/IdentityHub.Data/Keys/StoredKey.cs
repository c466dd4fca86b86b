using IdentityHub.Core.Keys;

namespace IdentityHub.Data.Keys;

/// <summary>
/// A signing or encryption key. The private key or secret is stored only as a Data Protection
/// payload, so a copy of the table alone reveals nothing.
/// </summary>
public class StoredKey
{
    public required string Id { get; set; }

    public KeyUse Use { get; set; }

    public required string Algorithm { get; set; }

    /// <summary>The PKCS#8 private key (RSA) or the secret (AES, HMAC), protected with ASP.NET Core Data Protection.</summary>
    public required string ProtectedPrivateKey { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public DateTimeOffset ActivatesAt { get; set; }

    public DateTimeOffset RetiresAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public KeySchedule ToSchedule() => new(Id, Use, PublishedAt, ActivatesAt, RetiresAt, ExpiresAt);
}
