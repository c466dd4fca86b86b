using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityHub.Hosting;

/// <summary>
/// The one rule for every cookie the token server and the admin host set (O6). Outside Development a cookie is always Secure and
/// its name carries the prefix browsers enforce: <c>__Host-</c> for cookies on the whole site (Secure, no
/// Domain, Path=/, so no subdomain or plain-HTTP page can set or shadow it) and <c>__Secure-</c> for
/// cookies scoped to a path. Development serves plain HTTP on localhost, where browsers refuse both
/// prefixes on non-Secure cookies, so there names are plain and Secure follows the request.
/// </summary>
public static class HardenedCookies
{
    public const string HostPrefix = "__Host-";
    public const string SecurePrefix = "__Secure-";

    /// <summary>Whether cookies must be Secure and prefixed: everywhere but Development.</summary>
    public static bool AreSecure(IHostEnvironment environment) => !environment.IsDevelopment();

    /// <summary>The name the browser sees for a cookie named <paramref name="name"/> on <paramref name="path"/>.</summary>
    public static string Name(string name, string path, bool secure) =>
        !secure ? name : (path == "/" ? HostPrefix : SecurePrefix) + name.TrimStart('.');

    public static string Name(HttpContext http, string name, string path) => Name(name, path, AreSecure(http));

    /// <summary>HttpOnly, essential, Secure outside Development (or on HTTPS), on <paramref name="path"/>, no Domain.</summary>
    public static CookieOptions Options(HttpContext http, string path, SameSiteMode sameSite) => new()
    {
        HttpOnly = true,
        Secure = AreSecure(http) || http.Request.IsHttps,
        SameSite = sameSite,
        Path = path,
        IsEssential = true,
    };

    private static bool AreSecure(HttpContext http) => AreSecure(http.RequestServices.GetRequiredService<IHostEnvironment>());
}
