namespace IdentityHub.DPoP;

/// <summary>What a proof must satisfy beyond its signature.</summary>
public sealed class DPoPValidationOptions
{
    /// <summary>The asymmetric algorithms accepted; <c>none</c> and symmetric algorithms never are.</summary>
    public IReadOnlyList<string> Algorithms { get; set; } = DefaultAlgorithms;

    /// <summary>How old a proof's <c>iat</c> may be; the replay cache remembers each proof this long.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a proof's <c>iat</c> may be (clocks differ).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>ES256 and RS256 (RFC 9449 names them), plus ES384, ES512, RS384, RS512, PS256, PS384 and PS512.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms =
        ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
}
