using IdentityHub.Server.Connect;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>The audiences of requested scopes: from the settings for configured APIs, from the database for anything else.</summary>
public sealed class ScopeResourcesTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Configured_apis_are_their_own_audience_and_other_scopes_ask_the_database()
    {
        using var scope = app.Services.CreateScope();
        var resources = scope.ServiceProvider.GetRequiredService<ScopeResources>();
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        var name = "reports-" + Guid.NewGuid().ToString("N")[..6];
        var descriptor = new OpenIddictScopeDescriptor { Name = name };
        descriptor.Resources.Add(name + "-api");
        await scopes.CreateAsync(descriptor);

        Assert.Equal([TestClients.ApiScope], await resources.ForAsync(["openid", "profile", TestClients.ApiScope, TestClients.ApiScope]));
        Assert.Empty(await resources.ForAsync(["openid", "email", "offline_access"]));
        Assert.Equal([name + "-api"], await resources.ForAsync(["openid", name]));
    }
}
