using IdentityHub.Core.Secrets;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hardening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// "Remember this device" (M7): a random token in an HttpOnly cookie; the server keeps only its
/// hash, with the level the sign-in reached. Listed and revoked per user.
/// </summary>
public sealed class RememberedDevices(IdentityHubDbContext db, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    public const string CookieName = ".IdentityHub.Device";

    public async Task RememberAsync(HttpContext http, string userId, string acr, IEnumerable<string> methods)
    {
        var token = BearerSecrets.New();
        var now = time.GetUtcNow();
        var lifetime = options.CurrentValue.Mfa.RememberDevice.Lifetime;
        db.RememberedDevices.Add(new RememberedDevice
        {
            UserId = userId,
            TokenHash = BearerSecrets.Hash(token),
            Acr = acr,
            Methods = string.Join(' ', methods),
            Description = Core.Sessions.DeviceDescription.From(http.Request.Headers.UserAgent.ToString()),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync();
        var cookie = HardenedCookies.Options(http, "/", SameSiteMode.Lax);
        cookie.Expires = now + lifetime;
        http.Response.Cookies.Append(HardenedCookies.Name(http, CookieName, "/"), token, cookie);
    }

    /// <summary>This browser's valid remembered-device record for the user, if any.</summary>
    public async Task<RememberedDevice?> FindAsync(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(HardenedCookies.Name(http, CookieName, "/"), out var token) || token.Length is 0 or > 100)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(token);
        var device = await db.RememberedDevices.FirstOrDefaultAsync(d => d.TokenHash == hash && d.UserId == userId);
        return device is not null && device.IsValidAt(time.GetUtcNow()) ? device : null;
    }

    public async Task<List<RememberedDevice>> ListAsync(string userId)
    {
        var now = time.GetUtcNow();
        var devices = await db.RememberedDevices.Where(d => d.UserId == userId && d.RevokedAt == null).ToListAsync();
        return devices.Where(d => d.IsValidAt(now)).OrderByDescending(d => d.CreatedAt).ToList();
    }
}
