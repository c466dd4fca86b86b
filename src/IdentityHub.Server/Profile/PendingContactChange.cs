using System.Security.Cryptography;
using System.Text.Json;
using IdentityHub.Core.Mfa;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.Profile;

/// <summary>
/// A new email address or phone number waiting for its code (A11). Lives only in a Data
/// Protection–protected cookie on this browser; nothing comes from form fields but the code.
/// Its <see cref="Id"/> is the binding of the code sent to the new address.
/// </summary>
public sealed record PendingContactChange
{
    public const string CookieName = ".IdentityHub.ProfileChange";
    public const string CookiePath = "/account/profile";

    /// <summary>How long the code may be entered after the change was asked for.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string ProtectorPurpose = "IdentityHub.Profile.PendingContactChange";

    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary><see cref="MfaMethodKind.Email"/> for the email address, <see cref="MfaMethodKind.Sms"/> for the phone number.</summary>
    public required MfaMethodKind Kind { get; init; }

    /// <summary>The new address: an email address, or a phone number in E.164.</summary>
    public required string NewValue { get; init; }

    public required long StartedAt { get; init; }

    public bool IsEmail => Kind == MfaMethodKind.Email;

    public string Purpose => IsEmail ? ProfileChanges.EmailPurpose : ProfileChanges.PhonePurpose;

    public string MaskedNewValue => Destinations.Mask(Kind, NewValue);

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public bool HasExpired(DateTimeOffset now) => now >= DateTimeOffset.FromUnixTimeSeconds(StartedAt) + Lifetime;

    /// <summary>The pending change of this user, or null when there is none, it expired, or the cookie is not ours.</summary>
    public static PendingContactChange? Read(HttpContext http, IDataProtectionProvider protection, string userId, DateTimeOffset now)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length is 0 or > 4000)
        {
            return null;
        }

        try
        {
            var json = protection.CreateProtector(ProtectorPurpose).Unprotect(value);
            var state = JsonSerializer.Deserialize<PendingContactChange>(json);
            return state is null || state.UserId != userId || state.HasExpired(now) ? null : state;
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException)
        {
            // Another key ring, tampered with or an older shape: as if nothing were pending.
            return null;
        }
    }

    public void Save(HttpContext http, IDataProtectionProvider protection)
    {
        var value = protection.CreateProtector(ProtectorPurpose).Protect(JsonSerializer.Serialize(this));
        http.Response.Cookies.Append(CookieName, value, Options(http));
    }

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        IsEssential = true,
    };
}
