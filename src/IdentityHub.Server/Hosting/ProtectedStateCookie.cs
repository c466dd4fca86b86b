using System.Security.Cryptography;
using System.Text.Json;
using IdentityHub.Server.Hardening;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// A small piece of flow state kept in one Data Protection–protected, HttpOnly cookie on the
/// browser, readable by every node. A cookie that is missing, oversized, from another key ring,
/// tampered with or of an older shape reads as null.
/// </summary>
public sealed class ProtectedStateCookie<T>(string name, string path, string purpose, SameSiteMode sameSite) where T : class
{
    private const int MaxLength = 4000;

    public T? Read(HttpContext http, IDataProtectionProvider protection)
    {
        if (!http.Request.Cookies.TryGetValue(HardenedCookies.Name(http, name, path), out var value) || value.Length is 0 or > MaxLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protection.CreateProtector(purpose).Unprotect(value));
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Write(HttpContext http, IDataProtectionProvider protection, T state) =>
        http.Response.Cookies.Append(HardenedCookies.Name(http, name, path), protection.CreateProtector(purpose).Protect(JsonSerializer.Serialize(state)), Options(http));

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(HardenedCookies.Name(http, name, path), Options(http));

    // Prefixed, Secure and HttpOnly as every cookie of the server (see HardenedCookies).
    private CookieOptions Options(HttpContext http) => HardenedCookies.Options(http, path, sameSite);
}
