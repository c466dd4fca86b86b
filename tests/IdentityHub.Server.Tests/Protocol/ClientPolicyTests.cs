using System.Net;
using IdentityHub.Administration.Clients;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// A client's registered policy applies to its requests whatever path registered it (here the registry the admin API
/// uses): its maximum sign-in age, its token lifetimes and the absolute end of its refresh tokens.
/// </summary>
public sealed class ClientPolicyTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_sign_in_older_than_the_clients_maximum_age_asks_for_the_password_again()
    {
        var clientId = await RegisterAsync(new ClientMetadata { DefaultMaxAge = 300 });
        var browser = await SignedInAsync();
        var request = new AuthorizationRequest { ClientId = clientId, Scope = "openid profile" };
        Assert.False(string.IsNullOrEmpty(AuthorizationResult.From(await browser.AuthorizeAsync(request), request).Code));

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest { ClientId = clientId, Scope = "openid profile" }), "/account/login"));
        var other = new AuthorizationRequest();
        Assert.False(string.IsNullOrEmpty(AuthorizationResult.From(await browser.AuthorizeAsync(other), other).Code));
    }

    [Fact]
    public async Task The_clients_token_lifetimes_and_refresh_limit_apply()
    {
        var clientId = await RegisterAsync(new ClientMetadata
        {
            GrantTypes = ["authorization_code", "refresh_token"],
            AccessTokenLifetime = 120,
            RefreshTokenAbsoluteLifetime = 3600,
        });
        var browser = await SignedInAsync();
        var request = new AuthorizationRequest { ClientId = clientId, Scope = "openid offline_access" };
        var tokens = (await TokenClient.For(app, clientId).RedeemAsync(AuthorizationResult.From(await browser.AuthorizeAsync(request), request))).EnsureSuccess();
        Assert.InRange(tokens.Json.GetProperty("expires_in").GetInt32(), 110, 120);

        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var refreshed = (await TokenClient.For(app, clientId).RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("invalid_grant", (await TokenClient.For(app, clientId).RefreshAsync(refreshed.RefreshToken)).Error);
    }

    private async Task<string> RegisterAsync(ClientMetadata metadata) =>
        (await app.RegisterClientAsync(metadata with { TokenEndpointAuthMethod = "none", RedirectUris = [TestClients.RedirectUri] })).ClientId;

    private async Task<Browser> SignedInAsync()
    {
        var user = await app.CreateUserAsync("policy-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
