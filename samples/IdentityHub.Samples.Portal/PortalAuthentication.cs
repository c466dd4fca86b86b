using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Samples.Portal;

internal static partial class PortalAuthentication
{
    /// <summary>
    /// A cookie for the portal's own session, and OpenID Connect (code flow with PKCE) to IdentityHub
    /// for signing in and out.
    /// </summary>
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, PortalSettings portal)
    {
        // The three portals all run on localhost, where cookies ignore the port: each portal gets its
        // own cookie names, and its own Data Protection purpose so no portal can read another's cookies.
        var prefix = ".Portal." + portal.ClientId;
        services.AddDataProtection().SetApplicationName("IdentityHub.Samples.Portal." + portal.ClientId);
        services.AddAntiforgery(options => options.Cookie.Name = prefix + ".Antiforgery");

        // The session, tokens included, stays on the server; the cookie holds only its key.
        services.AddMemoryCache();
        services.AddSingleton<ITicketStore, MemoryTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ITicketStore>((cookie, store) => cookie.SessionStore = store);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = prefix;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = portal.Authority;
                options.RequireHttpsMetadata = portal.AuthorityUri.Scheme == Uri.UriSchemeHttps;
                options.ClientId = portal.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(portal.ClientSecret) ? null : portal.ClientSecret;

                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.TokenValidationParameters.NameClaimType = "name";

                options.Scope.Clear();
                foreach (var scope in portal.ScopeList)
                {
                    options.Scope.Add(scope);
                }

                // Keep acr (the assurance level of the sign-in), which the handler drops by default.
                options.ClaimActions.Remove("acr");

                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.CorrelationCookie.Name = prefix + ".Correlation.";
                options.NonceCookie.Name = prefix + ".Nonce.";

                if (!string.IsNullOrWhiteSpace(portal.AcrValues))
                {
                    // Ask IdentityHub for a higher assurance level; it steps the session up if needed.
                    options.Events.OnRedirectToIdentityProvider = context =>
                    {
                        context.ProtocolMessage.AcrValues = portal.AcrValues;
                        return Task.CompletedTask;
                    };
                }

                options.Events.OnRemoteFailure = context =>
                {
                    var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalAuthentication));
                    LogSignInFailed(logger, context.Failure);
                    context.Response.Redirect("/?signin=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through IdentityHub did not complete")]
    private static partial void LogSignInFailed(ILogger logger, Exception? exception);
}
