using IdentityHub.Core.Mfa;
using IdentityHub.Server.Hosting;
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

    private static readonly ProtectedStateCookie<PendingContactChange> Cookie = new(CookieName, CookiePath, "IdentityHub.Profile.PendingContactChange", SameSiteMode.Strict);

    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary><see cref="MfaMethodKind.Email"/> for the email address, <see cref="MfaMethodKind.Sms"/> for the phone number.</summary>
    public required MfaMethodKind Kind { get; init; }

    /// <summary>The new address: an email address, or a phone number in E.164.</summary>
    public required string NewValue { get; init; }

    public required long StartedAt { get; init; }

    public bool IsEmail => Kind == MfaMethodKind.Email;

    public string Purpose => IsEmail ? ProfileChanges.EmailPurpose : ProfileChanges.PhonePurpose;

    public string MaskedNewValue => MfaMethods.Of(Kind).Mask(NewValue);

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public bool HasExpired(DateTimeOffset now) => now >= DateTimeOffset.FromUnixTimeSeconds(StartedAt) + Lifetime;

    /// <summary>The pending change of this user, or null when there is none, it expired, or the cookie is not ours.</summary>
    public static PendingContactChange? Read(HttpContext http, IDataProtectionProvider protection, string userId, DateTimeOffset now)
    {
        var state = Cookie.Read(http, protection);
        return state is null || state.UserId != userId || state.HasExpired(now) ? null : state;
    }

    public void Save(HttpContext http, IDataProtectionProvider protection) => Cookie.Write(http, protection, this);

    public static void End(HttpContext http) => Cookie.Delete(http);
}
