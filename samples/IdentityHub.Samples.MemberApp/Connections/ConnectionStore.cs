using System.Collections.Concurrent;
using IdentityHub.Samples.MemberApp.Smart;

namespace IdentityHub.Samples.MemberApp.Connections;

/// <summary>
/// Keeps each browser's connection on the server, in memory, under a random key that the browser holds in an
/// HTTP-only cookie; the tokens never reach the browser. This stands in for a native phone app, which would keep
/// its tokens in the device's secure storage. Restarting the app forgets every connection; the member connects
/// again (IdentityHub still lists the app until they disconnect it there).
/// </summary>
public sealed class ConnectionStore
{
    public const string CookieName = ".MemberApp.Session";

    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public Connection? Find(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var key) && key is not null && _connections.TryGetValue(key, out var connection)
            ? connection
            : null;

    /// <summary>Saves a new connection under a fresh key and gives the browser the key.</summary>
    public void Add(HttpResponse response, Connection connection)
    {
        var key = Pkce.NewRandomValue();
        _connections[key] = connection;
        response.Cookies.Append(CookieName, key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    /// <summary>Replaces the browser's connection, after a refresh.</summary>
    public void Replace(HttpRequest request, Connection connection)
    {
        if (request.Cookies.TryGetValue(CookieName, out var key) && key is not null && _connections.ContainsKey(key))
        {
            _connections[key] = connection;
        }
    }

    /// <summary>Forgets the browser's connection here; IdentityHub still holds the grant until the member disconnects there.</summary>
    public void Remove(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var key) && key is not null)
        {
            _connections.TryRemove(key, out _);
        }

        http.Response.Cookies.Delete(CookieName);
    }
}
