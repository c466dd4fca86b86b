namespace IdentityHub.Core.Keys;

/// <summary>
/// What a key is for. Only the three signing uses (<see cref="Signing"/>, <see cref="SigningPs256"/>,
/// <see cref="SigningEs256"/>) leave the server (published in JWKS). Stored by name; new members go at the end.
/// </summary>
public enum KeyUse
{
    /// <summary>RSA key pairs that sign ID tokens and access tokens with RS256, the default every relying party accepts.</summary>
    Signing,

    /// <summary>
    /// Encrypts the server's own tokens (authorization codes, refresh tokens). New keys are AES-256 (A256KW);
    /// RSA-OAEP keys made by earlier versions keep working until their successor takes over.
    /// </summary>
    Encryption,

    /// <summary>HMAC-SHA256 keys (HS256) that sign the server's own tokens inside their encryption; never published.</summary>
    ServerSigning,

    /// <summary>RSA key pairs (2048 bits) that sign with RSA-PSS (PS256) for clients and APIs that chose it (decision 0043).</summary>
    SigningPs256,

    /// <summary>ECDSA P-256 key pairs that sign with ES256 for clients and APIs that chose it (decision 0043).</summary>
    SigningEs256,
}
