using IdentityHub.Administration;
using IdentityHub.Core.Organizations;
using IdentityHub.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IdentityHub.Admin.Console;

/// <summary>
/// How a person signs in to the console: it is a registered client of the token server (code flow with
/// PKCE, scopes <c>openid profile identityhub.admin</c>), so sign-in, MFA and step-up are the token
/// server's; the console keeps its own session in a cookie (HttpOnly, SameSite=Lax, Secure and
/// <c>__Host-</c> outside Development, by <see cref="HardenedCookies"/>). What the person may do is read
/// from the database on every request (<see cref="ConsoleCallers"/>), never from the sign-in.
/// </summary>
internal static class ConsoleSignIn
{
    public const string CookieScheme = "Console";
    public const string OpenIdConnectScheme = "ConsoleOidc";
    public const string Policy = "console";
    public const string CookieName = ".IdentityHub.Admin.Console";

    public static IServiceCollection AddConsoleSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = HardenedCookies.AreSecure(environment);
        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        Uri.TryCreate(configuration[TokenServerLinks.IssuerKey], UriKind.Absolute, out var issuer);

        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = HardenedCookies.Name(CookieName, "/", secure);
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = console.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.ForwardChallenge = OpenIdConnectScheme;
            })
            .AddOpenIdConnect(OpenIdConnectScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.SignOutScheme = CookieScheme;
                if (issuer is not null)
                {
                    oidc.Authority = issuer.AbsoluteUri;
                    oidc.RequireHttpsMetadata = issuer.Scheme == Uri.UriSchemeHttps;
                }

                oidc.ClientId = console.ClientId;
                oidc.ClientSecret = string.IsNullOrEmpty(console.ClientSecret) ? null : console.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query: the correlation cookie can then be SameSite=Lax, and PKCE binds the code.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.SaveTokens = true; // the id_token is the hint at the token server's end-session endpoint
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", AdministrationScope.Name })
                {
                    oidc.Scope.Add(scope);
                }

                oidc.ClaimActions.Remove("acr"); // kept: the level of the sign-in, shown on the home page
                oidc.CallbackPath = "/signin-oidc";
                oidc.SignedOutCallbackPath = "/signout-callback-oidc";
                oidc.SignedOutRedirectUri = "/signed-out";
                foreach (var transient in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
                {
                    transient.Path = "/";
                    transient.SameSite = SameSiteMode.Lax;
                    transient.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                }

                oidc.CorrelationCookie.Name = HardenedCookies.Name(".IdentityHub.Admin.Correlation.", "/", secure);
                oidc.NonceCookie.Name = HardenedCookies.Name(".IdentityHub.Admin.Nonce.", "/", secure);
                oidc.Events.OnTokenValidated = SavedConsoleLanguage.ApplyAtSignInAsync;
                oidc.Events.OnRemoteFailure = context =>
                {
                    // A refused or expired sign-in (the person pressed back, waited too long): start again, no stack trace.
                    context.Response.Redirect("/signed-out?failed=true");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser());
        return services;
    }
}
