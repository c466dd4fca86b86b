using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// The facts of the server's own sign-in cookie that the protocol needs: which session record it points
/// at (<c>sid</c>), who, when, how, the level reached, and when a second factor was last proven.
/// </summary>
public sealed record SignedInSession(string SessionId, string UserId, DateTimeOffset AuthenticatedAt, IReadOnlyList<string> Methods, string? Acr, DateTimeOffset? SecondFactorAt)
{
    public const string SessionIdClaim = "sid";
    public const string AuthenticationTimeClaim = "auth_time";
    public const string MethodClaim = "amr";
    public const string AcrClaim = "acr";
    public const string SecondFactorTimeClaim = "ih_mfa_time";

    /// <summary>The claims the cookie keeps when Identity re-issues it.</summary>
    public static readonly string[] KeptClaims = [SessionIdClaim, AuthenticationTimeClaim, MethodClaim, AcrClaim, SecondFactorTimeClaim];

    public static async Task<SignedInSession?> ReadAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result.Succeeded ? From(result.Principal) : null;
    }

    /// <summary>The facts of a cookie principal; null when it lacks any (a cookie from before session records is not a session).</summary>
    public static SignedInSession? From(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal.FindFirstValue(SessionIdClaim);
        if (userId is null || sessionId is null || !long.TryParse(principal.FindFirstValue(AuthenticationTimeClaim), out var seconds))
        {
            return null;
        }

        var methods = principal.FindAll(MethodClaim).Select(claim => claim.Value).Distinct().ToList();
        DateTimeOffset? secondFactorAt = long.TryParse(principal.FindFirstValue(SecondFactorTimeClaim), out var mfa)
            ? DateTimeOffset.FromUnixTimeSeconds(mfa)
            : null;
        return new SignedInSession(sessionId, userId, DateTimeOffset.FromUnixTimeSeconds(seconds), methods, principal.FindFirstValue(AcrClaim), secondFactorAt);
    }

    /// <summary>The claims to add to the cookie at sign-in: the session record's id and the sign-in facts.</summary>
    public static IEnumerable<Claim> ClaimsFor(string sessionId, DateTimeOffset authenticatedAt, IEnumerable<string> methods, string acr, DateTimeOffset? secondFactorAt)
    {
        yield return new Claim(SessionIdClaim, sessionId);
        foreach (var method in methods)
        {
            yield return new Claim(MethodClaim, method);
        }

        yield return new Claim(AuthenticationTimeClaim, Seconds(authenticatedAt), ClaimValueTypes.Integer64);
        yield return new Claim(AcrClaim, acr);
        if (secondFactorAt is { } at)
        {
            yield return new Claim(SecondFactorTimeClaim, Seconds(at), ClaimValueTypes.Integer64);
        }
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
