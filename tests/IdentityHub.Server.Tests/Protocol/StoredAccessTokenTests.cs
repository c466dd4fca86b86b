using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>A deployment that stores every access token (IdentityHub:Tokens:StoreAccessTokens).</summary>
public sealed class StoredAccessTokensApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new IdentityHubApp().With("IdentityHub:Tokens:StoreAccessTokens", "true");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// With access tokens stored, revoking one, replaying a code or a refresh token, or signing out
/// everywhere makes the access tokens involved inactive at introspection at once (P1, P3).
/// </summary>
public sealed class StoredAccessTokenTests(StoredAccessTokensApp fixture) : IClassFixture<StoredAccessTokensApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task A_revoked_access_token_is_no_longer_active()
    {
        var tokens = await SignInAsync();
        var client = TokenClient.For(app);

        Assert.Equal(HttpStatusCode.OK, (await client.RevokeAsync(tokens.AccessToken)).Status);

        Assert.False((await client.IntrospectAsync(tokens.AccessToken)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Reusing_a_refresh_token_makes_the_chains_access_tokens_inactive()
    {
        var first = await SignInAsync();
        var client = TokenClient.For(app);
        var second = (await client.RefreshAsync(first.RefreshToken)).EnsureSuccess();
        Assert.True((await client.IntrospectAsync(second.AccessToken)).GetProperty("active").GetBoolean());

        Assert.Equal("invalid_grant", (await client.RefreshAsync(first.RefreshToken)).Error);

        Assert.False((await client.IntrospectAsync(second.AccessToken)).GetProperty("active").GetBoolean());
    }

    private async Task<TokenResponse> SignInAsync()
    {
        var user = await app.CreateUserAsync("stored-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        return (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess();
    }
}
