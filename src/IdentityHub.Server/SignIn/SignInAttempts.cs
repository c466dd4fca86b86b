using IdentityHub.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// Where the browser's sign-in attempt is kept: a <see cref="ProtectedStateCookie{T}"/>, like every other
/// piece of flow state. An attempt not saved for <see cref="Lifetime"/> is over.
/// </summary>
public sealed class SignInAttempts(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = ".IdentityHub.SignInAttempt";

    /// <summary>How long an attempt lives after its last step.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static readonly ProtectedStateCookie<SignInAttempt> Cookie = new(CookieName, "/", "IdentityHub.SignIn.Attempt", SameSiteMode.Lax);

    /// <summary>The attempt in progress in this browser; null when there is none or it is over.</summary>
    public SignInAttempt? Read(HttpContext http) =>
        Cookie.Read(http, protection) is { } attempt && time.GetUtcNow() - attempt.SavedAt <= Lifetime ? attempt : null;

    /// <summary>Keeps the attempt for the next step and returns it as kept.</summary>
    public SignInAttempt Save(HttpContext http, SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var saved = attempt with { SavedAt = time.GetUtcNow() };
        Cookie.Write(http, protection, saved);
        return saved;
    }

    public void End(HttpContext http) => Cookie.Delete(http);
}
