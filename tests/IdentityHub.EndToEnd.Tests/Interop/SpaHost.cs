using IdentityHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// A static file server for the single-page app of the interoperability tests: its pages (Interop/spa) and
/// oidc-client-ts's browser bundle from node_modules, on a loopback address of its own (another origin than the server's).
/// </summary>
public sealed class SpaHost : IAsyncDisposable
{
    private static readonly string Pages = Path.Combine(RepositoryLayout.Root, "tests", "IdentityHub.EndToEnd.Tests", "Interop", "spa");

    private readonly WebApplication _app;

    private SpaHost(WebApplication app) => _app = app;

    public static async Task<SpaHost> StartAsync(Uri address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        var app = builder.Build();
        app.MapGet("/", () => Results.File(Path.Combine(Pages, "index.html"), "text/html; charset=utf-8"));
        app.MapGet("/callback.html", () => Results.File(Path.Combine(Pages, "callback.html"), "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Results.File(Path.Combine(Pages, "app.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/oidc-client-ts.min.js", () =>
            Results.File(NodeLibraries.PackageFile("oidc-client-ts/dist/browser/oidc-client-ts.min.js"), "text/javascript; charset=utf-8"));
        await app.StartAsync();
        return new SpaHost(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
