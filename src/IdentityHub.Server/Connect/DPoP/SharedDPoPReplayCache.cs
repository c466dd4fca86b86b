using IdentityHub.DPoP;
using IdentityHub.Server.Throttling;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// The proofs seen, counted in the rate-limit store every node shares (the database, or Redis with
/// <c>IdentityHub:RateLimits:Redis</c>): one counter per proof (a hash of key and <c>jti</c>) in a window ending when
/// the proof could no longer pass the <c>iat</c> check; a count above one is a replay. No table of its own, and
/// the rate-limit cleanup deletes ended windows.
/// </summary>
public sealed class SharedDPoPReplayCache(IRateLimitStore store, TimeSpan window) : IDPoPReplayCache
{
    public const string Policy = "dpop/jti";

    public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // The window is derived from the proof's own iat, so every node counts a replay in the same window.
        var counts = await store.AddAsync([new RateLimitHit(Policy, key, expiresAt - window, expiresAt)], cancellationToken);
        return counts[0] <= 1;
    }
}
