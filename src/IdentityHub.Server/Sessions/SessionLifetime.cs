using System.Security.Claims;
using IdentityHub.Data.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Ties the session cookie to its record: a cookie is accepted only while its record is alive (not ended,
/// within its idle and absolute lifetimes), signing out ends the record, and every sign-in names its record.
/// Identity's security-stamp check stays as a second line.
/// </summary>
internal static class SessionLifetime
{
    private const string CurrentSession = "IdentityHub.CurrentSession";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var session = SignedInSession.From(context.Principal!);
        var alive = session is null
            ? null
            : await http.RequestServices.GetRequiredService<SessionRecords>().FindAliveAsync(session.SessionId, session.UserId, http.RequestAborted);
        if (alive is null)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        http.Items[CurrentSession] = alive;
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>This request's session, once the cookie has been checked.</summary>
    public static LiveSession? Current(HttpContext http) => http.Items[CurrentSession] as LiveSession;

    public static Task RequireSessionId(CookieSigningInContext context) =>
        context.Principal?.FindFirst(SignedInSession.SessionIdClaim) is null
            ? throw new InvalidOperationException("A sign-in cookie must name its session record: sign in through SessionRecords.BeginAsync.")
            : Task.CompletedTask;

    public static async Task EndOnSignOutAsync(CookieSigningOutContext context)
    {
        if (Current(context.HttpContext) is { } session)
        {
            context.HttpContext.Items.Remove(CurrentSession);
            await context.HttpContext.RequestServices.GetRequiredService<SessionRecords>()
                .EndAsync(session.Id, SessionEndReasons.SignedOut, cancellationToken: context.HttpContext.RequestAborted);
        }
    }

    public static Task KeepSignInFacts(SecurityStampRefreshingPrincipalContext context)
    {
        var kept = context.CurrentPrincipal?.Claims
            .Where(claim => SignedInSession.KeptClaims.Contains(claim.Type))
            .Select(claim => new Claim(claim.Type, claim.Value, claim.ValueType)) ?? [];
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaims(kept);
        }

        return Task.CompletedTask;
    }
}
