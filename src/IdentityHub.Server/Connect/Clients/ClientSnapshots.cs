using System.Collections.Concurrent;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// This node's copies of recently read clients (OpenIddict applications), so that the token, userinfo
/// and authorization endpoints do not read the same row on every request. Each copy is detached from
/// any database context and never handed out itself: <see cref="CachingApplicationStore"/> gives each
/// request its own attached clone. Copies expire after <c>IdentityHub:ClientCacheLifetime</c>; a change
/// made through this node forgets the copy at once.
/// </summary>
public sealed class ClientSnapshots(IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    // Clients are few; the bound only stops a flood of registrations from growing memory.
    private const int MaximumEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byId = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => options.CurrentValue.ClientCacheLifetime;

    public OpenIddictEntityFrameworkCoreApplication? FindByClientId(string clientId) => Fresh(_byClientId, clientId);

    public OpenIddictEntityFrameworkCoreApplication? FindById(string id) => Fresh(_byId, id);

    public void Remember(OpenIddictEntityFrameworkCoreApplication detached)
    {
        if (Lifetime <= TimeSpan.Zero || detached.Id is null || detached.ClientId is null)
        {
            return;
        }

        if (_byId.Count >= MaximumEntries)
        {
            _byClientId.Clear();
            _byId.Clear();
        }

        var entry = new Entry(detached, time.GetUtcNow() + Lifetime);
        _byClientId[detached.ClientId] = entry;
        _byId[detached.Id] = entry;
    }

    public void Forget(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.Id is { } id && _byId.TryRemove(id, out var entry) && entry.Application.ClientId is { } previous)
        {
            _byClientId.TryRemove(previous, out _);
        }

        if (application.ClientId is { } clientId)
        {
            _byClientId.TryRemove(clientId, out _);
        }
    }

    private OpenIddictEntityFrameworkCoreApplication? Fresh(ConcurrentDictionary<string, Entry> index, string key)
    {
        if (!index.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Expires > time.GetUtcNow())
        {
            return entry.Application;
        }

        Forget(entry.Application);
        return null;
    }

    private sealed record Entry(OpenIddictEntityFrameworkCoreApplication Application, DateTimeOffset Expires);
}
