using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// The facts of the server's own sign-in cookie that the protocol needs: who, when and how.
/// </summary>
internal sealed record SignedInSession(string UserId, DateTimeOffset AuthenticatedAt, IReadOnlyList<string> Methods)
{
    public const string AuthenticationTimeClaim = "auth_time";
    public const string MethodClaim = "amr";

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
        return new SignedInSession(userId, DateTimeOffset.FromUnixTimeSeconds(seconds), methods);
    }

    /// <summary>The claims to add to the cookie at sign-in.</summary>
    public static IEnumerable<Claim> ClaimsFor(DateTimeOffset authenticatedAt, IEnumerable<string> methods) =>
        methods.Select(method => new Claim(MethodClaim, method))
            .Append(new Claim(AuthenticationTimeClaim, authenticatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
}
