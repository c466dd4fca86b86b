namespace IdentityHub.DPoP;

/// <summary>The error codes and names RFC 9449 defines.</summary>
public static class DPoPErrors
{
    /// <summary>The proof is missing, malformed, wrongly signed, replayed, or does not match the request or the token.</summary>
    public const string InvalidProof = "invalid_dpop_proof";

    /// <summary>The proof needs the server's current nonce, sent in the <c>DPoP-Nonce</c> header (RFC 9449 §8).</summary>
    public const string UseNonce = "use_dpop_nonce";

    /// <summary>The request header carrying the proof.</summary>
    public const string ProofHeader = "DPoP";

    /// <summary>The response header carrying a fresh nonce.</summary>
    public const string NonceHeader = "DPoP-Nonce";

    /// <summary>The authorization scheme (and <c>token_type</c>) of DPoP-bound access tokens.</summary>
    public const string Scheme = "DPoP";

    /// <summary>The <c>typ</c> header every proof carries.</summary>
    public const string ProofType = "dpop+jwt";
}
