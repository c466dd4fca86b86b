using IdentityHub.Admin.Access;
using IdentityHub.Admin.Api;
using IdentityHub.Admin.Console;
using IdentityHub.Hosting.Health;

namespace IdentityHub.Admin.Hosting;

public static class AdminHostPipeline
{
    public static WebApplication UseIdentityHubAdminHost(this WebApplication app)
    {
        app.UseIdentityHubHealth(); // load balancers' probes first (docs/operations.md)
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAdminConsolePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery(); // the language switch is a form posted to an endpoint
        app.UseMiddleware<CallerLookup>();
        app.MapAdminApiDocument();
        app.MapAdminApi();
        app.MapAdminConsole();
        return app;
    }
}
