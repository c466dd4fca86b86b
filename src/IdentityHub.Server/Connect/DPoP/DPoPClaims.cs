namespace IdentityHub.Server.Connect.DPoP;

/// <summary>Where the server keeps a request's DPoP binding between its event handlers and in its tokens.</summary>
internal static class DPoPClaims
{
    /// <summary>The confirmation claim of a bound access token: <c>{"jkt": thumbprint}</c> (RFC 9449 §6.1).</summary>
    public const string Confirmation = "cnf";

    /// <summary>A public client's refresh token: the thumbprint of the key it is bound to (read only by this server).</summary>
    public const string RefreshTokenThumbprint = "ih_dpop_jkt";

    /// <summary>The transaction property holding the thumbprint of the key the token request proved.</summary>
    public const string ThumbprintProperty = "identityhub:dpop_jkt";

    /// <summary>The transaction property saying the client is public (its refresh tokens are bound too).</summary>
    public const string PublicClientProperty = "identityhub:dpop_public_client";
}
