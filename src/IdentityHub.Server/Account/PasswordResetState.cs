using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdentityHub.Core.Mfa;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.Account;

/// <summary>A code sent (or pretended to be sent) during a reset: its kind and when, in Unix seconds.</summary>
public sealed record ResetSend(MfaMethodKind Kind, long At);

/// <summary>
/// A forgot-password flow in progress (A7). Lives only in a Data Protection–protected cookie on this
/// browser; nothing is taken from form fields. Details that match no account get a state of exactly
/// the same shape (a random user id and stamp), so the pages and the cookie behave alike either way.
/// </summary>
public sealed record PasswordResetState
{
    public const string CookieName = ".IdentityHub.PasswordReset";
    public const string CookiePath = "/account/forgot-password";

    /// <summary>How long a reset may take from the first page to the new password.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string ProtectorPurpose = "IdentityHub.Account.PasswordReset";

    /// <summary>The binding of this reset's codes.</summary>
    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary>A hash of the user's security stamp at the start: a finished reset (new stamp) cannot be replayed.</summary>
    public required string StampHash { get; init; }

    public required long StartedAt { get; init; }

    /// <summary>The support reference shown on the pages (the audit record of the start).</summary>
    public required string Reference { get; init; }

    /// <summary>The way the person chose to prove it is them; null for "the method on file".</summary>
    public MfaMethodKind? Kind { get; init; }

    public IReadOnlyList<ResetSend> Sends { get; init; } = [];

    /// <summary>Wrong tries on the current code and in all, for answers when no real code exists.</summary>
    public int CodeFailures { get; init; }

    public int TotalFailures { get; init; }

    public long? LockedUntil { get; init; }

    /// <summary>When a second factor was proven; only then may a new password be set.</summary>
    public long? VerifiedAt { get; init; }

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public static string HashStamp(string? stamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("IdentityHub.PasswordReset:" + stamp)));

    public bool HasExpired(DateTimeOffset now) => now >= DateTimeOffset.FromUnixTimeSeconds(StartedAt) + Lifetime;

    public static PasswordResetState? Read(HttpContext http, IDataProtectionProvider protection, DateTimeOffset now)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length is 0 or > 4000)
        {
            return null;
        }

        try
        {
            var json = protection.CreateProtector(ProtectorPurpose).Unprotect(value);
            var state = JsonSerializer.Deserialize<PasswordResetState>(json);
            return state is null || state.HasExpired(now) ? null : state;
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException)
        {
            // A cookie from another key ring, tampered with or from an older shape: start again.
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
        SameSite = SameSiteMode.Lax,
        Path = CookiePath,
        IsEssential = true,
    };
}
