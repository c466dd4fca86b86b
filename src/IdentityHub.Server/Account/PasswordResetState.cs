using System.Security.Cryptography;
using System.Text;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Hosting;
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

    private static readonly ProtectedStateCookie<PasswordResetState> Cookie = new(CookieName, CookiePath, "IdentityHub.Account.PasswordReset", SameSiteMode.Lax);

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

    /// <summary>The two security questions this reset asks, when they are enabled (A7); stand-ins for unmatched details.</summary>
    public IReadOnlyList<SecurityQuestion> Questions { get; init; } = [];

    /// <summary>Whether the person proved it is them by security questions rather than a code.</summary>
    public bool VerifiedByQuestions { get; init; }

    /// <summary>When a second factor was proven; only then may a new password be set.</summary>
    public long? VerifiedAt { get; init; }

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public static string HashStamp(string? stamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("IdentityHub.PasswordReset:" + stamp)));

    public bool HasExpired(DateTimeOffset now) => now >= DateTimeOffset.FromUnixTimeSeconds(StartedAt) + Lifetime;

    public static PasswordResetState? Read(HttpContext http, IDataProtectionProvider protection, DateTimeOffset now)
    {
        var state = Cookie.Read(http, protection);
        return state is null || state.HasExpired(now) ? null : state;
    }

    public void Save(HttpContext http, IDataProtectionProvider protection) => Cookie.Write(http, protection, this);

    public static void End(HttpContext http) => Cookie.Delete(http);
}
