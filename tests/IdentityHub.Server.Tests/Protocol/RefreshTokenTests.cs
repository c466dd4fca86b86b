using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>Refresh tokens rotate, a reused one revokes the chain, and the chain has an absolute end (P3).</summary>
public sealed class RefreshTokenTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Each_refresh_returns_a_new_refresh_token_and_fresh_tokens()
    {
        var (client, first) = await SignInAsync();

        var refreshed = (await client.RefreshAsync(first.RefreshToken)).EnsureSuccess();

        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(first.ReadIdToken().Subject, refreshed.ReadIdToken().Subject);
        Assert.Equal(first.ReadIdToken().GetClaim("auth_time").Value, refreshed.ReadIdToken().GetClaim("auth_time").Value);
    }

    [Fact]
    public async Task Reusing_a_redeemed_refresh_token_revokes_the_whole_chain()
    {
        var (client, first) = await SignInAsync();
        var second = (await client.RefreshAsync(first.RefreshToken)).EnsureSuccess();

        var replay = await client.RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        // The legitimate holder's newer tokens die with it: the thief and the user both sign in again.
        Assert.Equal("invalid_grant", (await client.RefreshAsync(second.RefreshToken)).Error);
    }

    [Fact]
    public async Task A_refresh_token_unused_for_its_idle_lifetime_expires()
    {
        var (client, first) = await SignInAsync();

        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal("invalid_grant", (await client.RefreshAsync(first.RefreshToken)).Error);
    }

    [Fact]
    public async Task No_refresh_outlives_the_absolute_lifetime_of_the_sign_in()
    {
        var (client, tokens) = await SignInAsync();

        // Refresh well within the idle lifetime, again and again: the chain still ends at 12 hours.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11); elapsed += TimeSpan.FromHours(5.5))
        {
            app.Clock.Advance(TimeSpan.FromHours(5.5));
            tokens = (await client.RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        }

        app.Clock.Advance(TimeSpan.FromHours(1.5));
        var late = await client.RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Equal("invalid_grant", late.Error);
    }

    [Fact]
    public async Task A_refresh_token_is_bound_to_the_client_it_was_issued_to()
    {
        var (_, tokens) = await SignInAsync();

        var other = await TokenClient.For(app, TestClients.PublicPortal).RefreshAsync(tokens.RefreshToken);

        Assert.Equal("invalid_grant", other.Error);
    }

    [Fact]
    public async Task A_disabled_account_cannot_refresh()
    {
        var user = await app.CreateUserAsync("locked-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var client = TokenClient.For(app);
        var tokens = (await client.RedeemAsync(authorization)).EnsureSuccess();

        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services))
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdentityHub.Data.Users.IdentityHubUser>>(scope.ServiceProvider);
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.MaxValue);
        }

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken)).Error);
    }

    private async Task<(TokenClient Client, TokenResponse Tokens)> SignInAsync()
    {
        var user = await app.CreateUserAsync("refresh-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var client = TokenClient.For(app);
        return (client, (await client.RedeemAsync(authorization)).EnsureSuccess());
    }
}
