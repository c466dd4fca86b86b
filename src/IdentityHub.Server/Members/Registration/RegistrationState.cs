using IdentityHub.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.Members.Registration;

/// <summary>
/// A member's registration in progress (A15), between the proof and the emailed code. Lives only in a Data
/// Protection–protected, HttpOnly cookie of its own purpose on this browser, for at most <see cref="Lifetime"/>
/// from the proof: the proved member (as the roster answered), the chosen username, the password's HASH (never
/// the password), the email and the hash of the code sent to it. Nothing is written to the database until the
/// code is right; then the account and its member link are saved together.
/// </summary>
public sealed record RegistrationState
{
    public const string CookieName = ".IdentityHub.Registration";

    /// <summary>The cookie goes only to the registration pages.</summary>
    public const string CookiePath = RegistrationPaths.Start;

    /// <summary>How long a registration may take from the proof to the code.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static readonly ProtectedStateCookie<RegistrationState> Cookie = new(CookieName, CookiePath, "IdentityHub.Members.Registration", SameSiteMode.Lax);

    /// <summary>The binding of this registration's codes, and the support reference of its proof.</summary>
    public required string Id { get; init; }

    public required string Reference { get; init; }

    /// <summary>The member id in its normalized form, as the roster answered.</summary>
    public required string MemberId { get; init; }

    public string? PatientId { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    /// <summary>Which roster proved the membership (<see cref="RosterKinds"/>).</summary>
    public required string ProvedBy { get; init; }

    /// <summary>When the proof was accepted, in Unix seconds (from the injected clock).</summary>
    public required long ProvedAt { get; init; }

    /// <summary>The portal the registration is for (its code message and wording).</summary>
    public string? ClientId { get; init; }

    /// <summary>Where the person goes once the account exists: the authorization request they came from.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The chosen sign-in, once the second step is done.</summary>
    public string? UserName { get; init; }

    public string? PasswordHash { get; init; }

    public string? Email { get; init; }

    /// <summary>The code sent to <see cref="Email"/>: its salt and salted hash, never the code.</summary>
    public string? CodeSalt { get; init; }

    public string? CodeHash { get; init; }

    /// <summary>When codes were sent, in Unix seconds: the newest is the one that counts; all count for the cooldown.</summary>
    public IReadOnlyList<long> Sends { get; init; } = [];

    /// <summary>Wrong tries on the current code.</summary>
    public int CodeFailures { get; init; }

    /// <summary>Wrong tries on every code of this registration: past the limit the registration starts again.</summary>
    public int TotalFailures { get; init; }

    public bool HasSignIn => UserName is not null && PasswordHash is not null && Email is not null;

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public bool HasExpired(DateTimeOffset now) => now >= DateTimeOffset.FromUnixTimeSeconds(ProvedAt) + Lifetime;

    /// <summary>The state on this browser; null when there is none, it is unreadable, or it has expired.</summary>
    public static RegistrationState? Read(HttpContext http, IDataProtectionProvider protection, DateTimeOffset now)
    {
        var state = Cookie.Read(http, protection);
        return state is null || state.HasExpired(now) ? null : state;
    }

    public void Save(HttpContext http, IDataProtectionProvider protection) => Cookie.Write(http, protection, this);

    public static void End(HttpContext http) => Cookie.Delete(http);
}
