using IdentityHub.Admin;
using IdentityHub.Admin.Console;
using IdentityHub.Delivery;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace IdentityHub.Admin.Tests;

/// <summary>
/// The admin host in memory, on the token server's database and clock: it fetches the token server's
/// discovery document and keys through the token server's in-memory handler, as it would over the network.
/// </summary>
public sealed class AdminApp(IdentityHubApp tokenServer) : WebApplicationFactory<AdminProgram>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public AdminApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:IdentityHub", tokenServer.ConnectionString);
        builder.UseSetting("IdentityHub:Database:Provider", "Postgres");
        builder.UseSetting("IdentityHub:Issuer", "https://localhost/");
        // The same key-ring certificate as the token server: both read the one ring in the database.
        builder.UseSetting("IdentityHub:DataProtection:Certificate:Path", TestCertificates.KeyRing.Path);
        builder.UseSetting("IdentityHub:DataProtection:Certificate:Password", TestCertificates.KeyRing.Password);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(tokenServer.Clock);
            services.AddSingleton(tokenServer.Messages);
            services.AddDeliveryChannel<CapturedEmail>();
            services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new ToTokenServer(tokenServer));
            // The console's sign-in talks to the token server directly (discovery, keys, the code exchange).
            services.Configure<OpenIdConnectOptions>(ConsoleSignIn.OpenIdConnectScheme, oidc => oidc.BackchannelHttpHandler = tokenServer.Server.CreateHandler());
        });
    }

    /// <summary>Every outgoing HTTP call of the admin host (OpenIddict validation's discovery) goes to the in-memory token server.</summary>
    private sealed class ToTokenServer(IdentityHubApp tokenServer) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            builder.PrimaryHandler = tokenServer.Server.CreateHandler();
        };
    }
}
