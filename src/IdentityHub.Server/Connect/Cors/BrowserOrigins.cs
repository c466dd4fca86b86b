using IdentityHub.Core.Clients;
using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Connect.Cors;

/// <summary>
/// The browser origins any client registered (<see cref="ClientSettings.CorsOrigins"/>), read from every application
/// in the database at most once per <c>IdentityHub:ClientCacheLifetime</c> on each node, so an origin check costs no
/// query on most requests and a client registered on another node (admin API, dynamic registration) is honoured
/// within that time. Zero reads the table on every check.
/// </summary>
public sealed class BrowserOrigins(IServiceScopeFactory scopes, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;

    public async ValueTask<bool> IsAllowedAsync(string origin, CancellationToken cancellationToken)
    {
        if (OriginNames.Normalize(origin) is not { } normalized)
        {
            return false;
        }

        var snapshot = _snapshot;
        if (snapshot is null || snapshot.Expires <= time.GetUtcNow())
        {
            snapshot = await ReadAsync(cancellationToken);
        }

        return snapshot.Origins.Contains(normalized);
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another request may have read the table while this one waited.
            if (_snapshot is { } fresh && fresh.Expires > time.GetUtcNow())
            {
                return fresh;
            }

            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
            var properties = await database.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
                .Where(application => application.Properties != null)
                .Select(application => application.Properties!)
                .ToListAsync(cancellationToken);

            var origins = properties.Select(OriginsOf).SelectMany(list => list)
                .Select(OriginNames.Normalize).OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var snapshot = new Snapshot(origins, time.GetUtcNow() + options.CurrentValue.ClientCacheLifetime);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private static IReadOnlyList<string> OriginsOf(string properties)
    {
        try
        {
            var parsed = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(properties);
            return ClientSettings.From(parsed).CorsOrigins;
        }
        catch (System.Text.Json.JsonException)
        {
            // A row edited by hand into something unreadable allows no origin, and breaks no other client.
            return [];
        }
    }

    public void Dispose() => _reading.Dispose();

    private sealed record Snapshot(HashSet<string> Origins, DateTimeOffset Expires);
}
