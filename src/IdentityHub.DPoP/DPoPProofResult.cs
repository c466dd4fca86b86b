namespace IdentityHub.DPoP;

/// <summary>A checked proof: its key's thumbprint, or the RFC 9449 error and a description saying what was wrong.</summary>
public sealed record DPoPProofResult
{
    private DPoPProofResult()
    {
    }

    public bool Succeeded => Error is null;

    /// <summary><see cref="DPoPErrors.InvalidProof"/> or <see cref="DPoPErrors.UseNonce"/>; null when the proof is good.</summary>
    public string? Error { get; private init; }

    public string? ErrorDescription { get; private init; }

    /// <summary>The base64url SHA-256 JWK thumbprint (RFC 7638) of the proof's key: the <c>cnf.jkt</c> to bind tokens to.</summary>
    public string? Thumbprint { get; private init; }

    public static DPoPProofResult Valid(string thumbprint) => new() { Thumbprint = thumbprint };

    public static DPoPProofResult Invalid(string description) => new() { Error = DPoPErrors.InvalidProof, ErrorDescription = description };

    public static DPoPProofResult NonceNeeded(string description) => new() { Error = DPoPErrors.UseNonce, ErrorDescription = description };
}
