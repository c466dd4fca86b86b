using IdentityHub.Accounts;
using IdentityHub.Server.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Sessions;

public static class SessionServices
{
    /// <summary>
    /// Signed-in sessions: a record per sign-in that the cookie points at, its lifetimes, listing sessions
    /// and ending them. Call after <see cref="Passwords.IdentityServices.AddIdentityHubIdentity"/>.
    /// </summary>
    public static IServiceCollection AddIdentityHubSessions(this IServiceCollection services)
    {
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<IdentityHubOptions>>((cookie, hub) =>
            {
                cookie.Cookie.Name = ".IdentityHub.Session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/signout";
                cookie.AccessDeniedPath = "/error";
                cookie.ExpireTimeSpan = hub.Value.Session.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SessionLifetime.ValidateAsync;
                cookie.Events.OnSigningIn = SessionLifetime.RequireSessionId;
                cookie.Events.OnSigningOut = SessionLifetime.EndOnSignOutAsync;
            });

        // When Identity re-issues the cookie after its security-stamp check, keep how and when the user signed in.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<IdentityHubOptions>>((stamp, hub) =>
        {
            stamp.OnRefreshingPrincipal = SessionLifetime.KeepSignInFacts;
            stamp.ValidationInterval = hub.Value.Session.RevalidationInterval;
        });

        services.AddSingleton<SessionCache>();
        services.AddScoped<SessionRecords>();
        services.AddHostedService<SessionCleanup>();
        services.AddScoped<UserSessions>();
        services.AddIdentityHubSharedAccounts();
        services.AddScoped<SignOutEverywhere>();
        return services;
    }
}
