namespace IdentityHub.DPoP;

/// <summary>
/// Remembers the proofs already seen, so a captured proof cannot be sent again. An API on several nodes supplies
/// one shared by all of them (a database or Redis); <see cref="InMemoryDPoPReplayCache"/> serves a single node.
/// </summary>
public interface IDPoPReplayCache
{
    /// <summary>
    /// Records <paramref name="key"/> (a hash of the key's thumbprint and the proof's <c>jti</c>) until
    /// <paramref name="expiresAt"/>; false when it was already recorded, i.e. the proof is a replay.
    /// </summary>
    ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>
/// Checks a proof's <c>nonce</c> (RFC 9449 §8) for a server that hands out nonces; without one, proofs need none.
/// </summary>
public interface IDPoPNonceValidator
{
    /// <summary>Whether <paramref name="nonce"/> (null when the proof has none) is one this server handed out and still accepts.</summary>
    ValueTask<bool> IsValidAsync(string? nonce, CancellationToken cancellationToken);
}
