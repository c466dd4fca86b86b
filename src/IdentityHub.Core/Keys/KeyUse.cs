namespace IdentityHub.Core.Keys;

/// <summary>What a key is for. Only <see cref="Signing"/> keys leave the server (published in JWKS).</summary>
public enum KeyUse
{
    /// <summary>RSA key pairs that sign ID tokens and access tokens (RS256), checked by portals and APIs.</summary>
    Signing,

    /// <summary>
    /// Encrypts the server's own tokens (authorization codes, refresh tokens). New keys are AES-256 (A256KW);
    /// RSA-OAEP keys made by earlier versions keep working until their successor takes over.
    /// </summary>
    Encryption,

    /// <summary>HMAC-SHA256 keys (HS256) that sign the server's own tokens inside their encryption; never published.</summary>
    ServerSigning,
}
