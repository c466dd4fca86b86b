using System.Collections.Concurrent;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// This node's short memory of session records (<c>IdentityHub:Session:CacheLifetime</c>), so that a
/// signed-in request does not read the database every time. Whatever this node ends it forgets at once;
/// other nodes read the record again within the lifetime. Holds a few hundred bytes per active session.
/// </summary>
public sealed class SessionCache(IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, (LiveSession Session, DateTimeOffset ReadAt)> _entries = new(StringComparer.Ordinal);

    public LiveSession? Find(string sessionId)
    {
        if (!_entries.TryGetValue(sessionId, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() - entry.ReadAt < options.CurrentValue.Session.CacheLifetime)
        {
            return entry.Session;
        }

        _entries.TryRemove(sessionId, out _);
        return null;
    }

    public void Remember(LiveSession session)
    {
        if (options.CurrentValue.Session.CacheLifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count > PruneAbove)
        {
            Prune();
        }

        _entries[session.Id] = (session, time.GetUtcNow());
    }

    public void Forget(string sessionId) => _entries.TryRemove(sessionId, out _);

    public void ForgetUser(string userId)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.Session.UserId == userId)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow() - options.CurrentValue.Session.CacheLifetime;
        foreach (var (id, entry) in _entries)
        {
            if (entry.ReadAt <= oldest)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }
}
