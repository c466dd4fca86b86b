using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Health;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Connect.Cors;
using IdentityHub.Server.Hardening;
using IdentityHub.Server.Throttling;

namespace IdentityHub.Server.Hosting;

public static class IdentityHubPipeline
{
    /// <summary>The request pipeline: friendly error pages, static assets, authentication, pages, endpoints.</summary>
    public static WebApplication UseIdentityHub(this WebApplication app)
    {
        // Load balancers' probes first: no headers, limits, cookies or outage page in their way (docs/operations.md).
        app.UseIdentityHubHealth();
        // No stack traces in any environment: unexpected errors and protocol errors that cannot go back
        // to the portal render the error page.
        app.UseNodeMarker();
        app.UseMiddleware<SecurityHeaders>();
        app.UseIdentityHubLanguages();
        // Browser apps' preflights are answered before any check that reads the body or counts a limit.
        app.UseMiddleware<CrossOriginRequests>();
        // Past what the node can work on, the excess is told to retry before any work is done on it.
        app.UseMiddleware<OverloadLimits>();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error");
        app.UseMiddleware<UnreadableRequests>();
        app.UseMiddleware<AuthorizationRequestLimit>();
        app.UseMiddleware<UnreadableContentTypes>();
        app.UseMiddleware<ControlCharacters>();
        app.UseMiddleware<ConcurrentChanges>();
        app.UseMiddleware<DatabaseOutages>();
        app.UseMiddleware<TokenEndpointLimits>();

        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapConnectEndpoints();
        app.MapLanguageSwitch();
        app.MapBranding();
        return app;
    }
}
