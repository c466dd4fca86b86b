using IdentityHub.Testing;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// What a health plan runs, as real processes on free loopback ports: IdentityHub on its own
/// PostgreSQL database, the sample API, and the sample app as the provider and the member portal.
/// </summary>
public sealed class PortalLandscape : IAsyncLifetime
{
    private readonly List<AppProcess> _processes = [];

    public Uri Server { get; } = LocalUrl();

    public Uri Api { get; } = LocalUrl();

    public Uri ProviderPortal { get; } = LocalUrl();

    public Uri MemberPortal { get; } = LocalUrl();

    public DemoUser User { get; private set; } = null!;

    public string ServerOutput => _processes[0].Output;

    public async Task InitializeAsync()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("endtoend");
        var server = Start("src/IdentityHub.Server", new()
        {
            ["ASPNETCORE_URLS"] = Server.ToString(),
            ["IdentityHub__Database__Provider"] = "Postgres",
            ["ConnectionStrings__IdentityHub"] = database,
            // appsettings.Development.json registers the provider portal first and the member portal third.
            ["IdentityHub__Clients__0__RedirectUris__0"] = new Uri(ProviderPortal, "signin-oidc").ToString(),
            ["IdentityHub__Clients__0__PostLogoutRedirectUris__0"] = new Uri(ProviderPortal, "signout-callback-oidc").ToString(),
            ["IdentityHub__Clients__2__RedirectUris__0"] = new Uri(MemberPortal, "signin-oidc").ToString(),
            ["IdentityHub__Clients__2__PostLogoutRedirectUris__0"] = new Uri(MemberPortal, "signout-callback-oidc").ToString(),
        });
        await server.WaitUntilServingAsync(new Uri(Server, ".well-known/openid-configuration"));
        User = DemoUser.FromServerOutput(server.Output);

        var api = Start("samples/IdentityHub.Samples.Api", new()
        {
            ["ASPNETCORE_URLS"] = Api.ToString(),
            ["Api__Authority"] = Server.ToString(),
        });
        var provider = StartPortal(ProviderPortal, "Provider portal", "provider-portal");
        var member = StartPortal(MemberPortal, "Member portal", "member-portal");
        await Task.WhenAll(
            api.WaitUntilServingAsync(new Uri(Api, "health")),
            provider.WaitUntilServingAsync(ProviderPortal),
            member.WaitUntilServingAsync(MemberPortal));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private AppProcess StartPortal(Uri url, string name, string clientId) =>
        Start("samples/IdentityHub.Samples.Portal", new()
        {
            ["ASPNETCORE_URLS"] = url.ToString(),
            ["Portal__Name"] = name,
            ["Portal__ClientId"] = clientId,
            ["Portal__Authority"] = Server.ToString(),
            ["Portal__ApiBaseUrl"] = Api.ToString(),
        });

    private AppProcess Start(string project, Dictionary<string, string?> environment)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = AppProcess.Start(project, environment);
        _processes.Add(process);
        return process;
    }

    private static Uri LocalUrl() => new($"http://localhost:{FreeTcpPort.Next()}/");
}

[CollectionDefinition(Name)]
public sealed class PortalLandscapeCollection : ICollectionFixture<PortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Portals";
}
