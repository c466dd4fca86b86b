using IdentityHub.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Ends the server's own session after its absolute lifetime, however active it is (the idle timeout
/// is the cookie's sliding expiry), and keeps Identity's security-stamp check.
/// </summary>
internal static class SessionLifetime
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var session = SignedInSession.From(context.Principal!);
        var absolute = services.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Session.AbsoluteLifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (session is null || now - session.AuthenticatedAt > absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public static Task KeepSignInFacts(SecurityStampRefreshingPrincipalContext context)
    {
        var kept = context.CurrentPrincipal?.Claims
            .Where(claim => SignedInSession.KeptClaims.Contains(claim.Type))
            .Select(claim => new System.Security.Claims.Claim(claim.Type, claim.Value, claim.ValueType)) ?? [];
        if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            identity.AddClaims(kept);
        }

        return Task.CompletedTask;
    }
}
