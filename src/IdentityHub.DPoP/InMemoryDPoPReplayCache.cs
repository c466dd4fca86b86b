using System.Collections.Concurrent;

namespace IdentityHub.DPoP;

/// <summary>This process's memory of the proofs seen, each until it could no longer be accepted anyway.</summary>
public sealed class InMemoryDPoPReplayCache(TimeProvider time) : IDPoPReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _nextSweep;

    public ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_seen.TryAdd(key, expiresAt))
        {
            return ValueTask.FromResult(true);
        }

        // An entry past its end may be reused: a proof that old is refused for its iat before it gets here.
        if (_seen.TryGetValue(key, out var until) && until <= now && _seen.TryUpdate(key, expiresAt, until))
        {
            return ValueTask.FromResult(true);
        }

        return ValueTask.FromResult(false);
    }

    /// <summary>Forgets ended entries at most once a minute, so memory stays bounded by the proofs of the last few minutes.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now.ToUnixTimeSeconds() < next || Interlocked.CompareExchange(ref _nextSweep, now.ToUnixTimeSeconds() + 60, next) != next)
        {
            return;
        }

        foreach (var (key, until) in _seen)
        {
            if (until <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
            }
        }
    }
}
