using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>Userinfo, introspection and revocation as a portal uses them (P1).</summary>
public sealed class TokenEndpointsTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Userinfo_answers_GET_with_the_users_current_profile()
    {
        var (user, tokens) = await SignInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(tokens.AccessToken);
        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.JsonAsync();
        Assert.Equal(user.Id, info.GetProperty("sub").GetString());
        Assert.Equal("Rosa Ramirez", info.GetProperty("name").GetString());
        Assert.Equal(user.Email, info.GetProperty("email").GetString());
        Assert.True(info.GetProperty("email_verified").GetBoolean());
        Assert.Equal("+16505552652", info.GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task Userinfo_answers_POST_with_the_token_in_the_body()
    {
        var (user, tokens) = await SignInAsync();

        var response = await app.CreateClient().PostAsync("/connect/userinfo",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = tokens.AccessToken }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, (await response.JsonAsync()).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Userinfo_without_a_valid_token_is_unauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer("not-a-token");
        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Introspection_describes_an_active_access_token()
    {
        var (user, tokens) = await SignInAsync();

        var introspection = await TokenClient.For(app).IntrospectAsync(tokens.AccessToken);

        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal(user.Id, introspection.GetProperty("sub").GetString());
        Assert.Equal(TestClients.Portal, introspection.GetProperty("client_id").GetString());
        // Scopes and other claims are disclosed only to the token's audience (the API), not to the portal.
        Assert.Equal(TestClients.ApiScope, introspection.GetProperty("aud").GetString());
        Assert.False(introspection.TryGetProperty("scope", out _));
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        var (_, tokens) = await SignInAsync();

        var response = await TokenClient.For(app, TestClients.Portal, "wrong-secret").PostAsync("/connect/introspect",
            new Dictionary<string, string> { ["token"] = tokens.AccessToken });

        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task A_revoked_refresh_token_can_no_longer_be_used()
    {
        var (_, tokens) = await SignInAsync();
        var client = TokenClient.For(app);

        var revocation = await client.RevokeAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, revocation.Status);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken)).Error);
    }

    [Fact]
    public async Task An_access_token_is_self_contained_and_lives_until_it_expires()
    {
        var (user, tokens) = await SignInAsync();
        var client = TokenClient.For(app);

        // No row per access token; the refresh token has one.
        var types = await app.QueryAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == user.Id).Select(t => t.Type).ToListAsync());
        Assert.DoesNotContain(OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.AccessToken, types);
        Assert.Contains(OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.RefreshToken, types);

        var revoked = await client.RevokeAsync(tokens.AccessToken);
        Assert.Equal("unsupported_token_type", revoked.Error);
        Assert.True((await client.IntrospectAsync(tokens.AccessToken)).GetProperty("active").GetBoolean());
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False((await client.IntrospectAsync(tokens.AccessToken)).GetProperty("active").GetBoolean());
    }

    private async Task<(IdentityHub.Data.Users.IdentityHubUser User, TokenResponse Tokens)> SignInAsync()
    {
        var user = await app.CreateUserAsync("tokens-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        return (user, (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess());
    }
}
