using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// The facts of the server's own sign-in cookie that the protocol needs: who, when, how, the level
/// reached, and when a second factor was last proven.
/// </summary>
public sealed record SignedInSession(string UserId, DateTimeOffset AuthenticatedAt, IReadOnlyList<string> Methods, string? Acr, DateTimeOffset? SecondFactorAt)
{
    public const string AuthenticationTimeClaim = "auth_time";
    public const string MethodClaim = "amr";
    public const string AcrClaim = "acr";
    public const string SecondFactorTimeClaim = "ih_mfa_time";

    /// <summary>The claims the cookie keeps when Identity re-issues it.</summary>
    public static readonly string[] KeptClaims = [AuthenticationTimeClaim, MethodClaim, AcrClaim, SecondFactorTimeClaim];

    public static async Task<SignedInSession?> ReadAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result.Succeeded ? From(result.Principal) : null;
    }

    public static SignedInSession? From(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !long.TryParse(principal.FindFirstValue(AuthenticationTimeClaim), out var seconds))
        {
            return null;
        }

        var methods = principal.FindAll(MethodClaim).Select(claim => claim.Value).Distinct().ToList();
        DateTimeOffset? secondFactorAt = long.TryParse(principal.FindFirstValue(SecondFactorTimeClaim), out var mfa)
            ? DateTimeOffset.FromUnixTimeSeconds(mfa)
            : null;
        return new SignedInSession(userId, DateTimeOffset.FromUnixTimeSeconds(seconds), methods, principal.FindFirstValue(AcrClaim), secondFactorAt);
    }

    /// <summary>The claims to add to the cookie at sign-in.</summary>
    public static IEnumerable<Claim> ClaimsFor(DateTimeOffset authenticatedAt, IEnumerable<string> methods, string acr, DateTimeOffset? secondFactorAt)
    {
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
