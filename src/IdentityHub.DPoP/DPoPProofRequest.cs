namespace IdentityHub.DPoP;

/// <summary>
/// What a proof is checked against: the HTTP request it came with and, where there is one, the access token
/// it accompanies (its hash must be the proof's <c>ath</c>) and the key the token is bound to.
/// </summary>
/// <param name="Proof">The <c>DPoP</c> header's value (null when absent).</param>
/// <param name="Method">The request's HTTP method (compared with <c>htm</c>).</param>
/// <param name="Uri">The request's URI; query and fragment are ignored (compared with <c>htu</c>).</param>
public sealed record DPoPProofRequest(string? Proof, string Method, Uri Uri)
{
    /// <summary>The access token presented with the proof, when there is one: the proof's <c>ath</c> must be its hash.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The JWK thumbprint the proof's key must have (the token's <c>cnf.jkt</c>), when already bound.</summary>
    public string? ExpectedThumbprint { get; init; }
}
