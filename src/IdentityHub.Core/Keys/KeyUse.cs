namespace IdentityHub.Core.Keys;

/// <summary>What a key pair is for, as JWKS names it (<c>use</c>).</summary>
public enum KeyUse
{
    /// <summary>Signs ID tokens, access tokens and the server's own tokens (RS256).</summary>
    Signing,

    /// <summary>Encrypts the server's own tokens (authorization codes, refresh tokens).</summary>
    Encryption,
}
