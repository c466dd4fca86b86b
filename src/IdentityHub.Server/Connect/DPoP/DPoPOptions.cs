using IdentityHub.DPoP;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary><c>IdentityHub:DPoP</c>: how the server checks DPoP proofs (RFC 9449; docs/dpop.md, decision 0034).</summary>
public sealed class DPoPOptions
{
    /// <summary>Whether every proof must carry a nonce from this server (RFC 9449 §8), answered with <c>use_dpop_nonce</c> until it does.</summary>
    public bool RequireNonce { get; set; }

    /// <summary>How old a proof's <c>iat</c> may be; replays are caught for this long.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a proof's <c>iat</c> may be.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a nonce is handed out; each is accepted for at least this long and at most twice as long.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public DPoPValidationOptions Validation() => new() { MaxAge = ProofMaxAge, ClockSkew = ClockSkew };

    /// <summary>The settings check's complaints, each naming its key.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (ProofMaxAge < TimeSpan.FromSeconds(5) || ProofMaxAge > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:ProofMaxAge must be between 00:00:05 and 01:00:00.";
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return $"{prefix}:ClockSkew must be between 00:00:00 and 00:05:00.";
        }

        if (NonceLifetime < TimeSpan.FromSeconds(10) || NonceLifetime > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:NonceLifetime must be between 00:00:10 and 01:00:00.";
        }
    }
}
