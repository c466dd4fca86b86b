using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Throttling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>The token endpoint's limit per client id, across nodes, and the cleanup of ended windows.</summary>
public sealed class TokenAndCleanupTests : IAsyncLifetime
{
    private readonly IdentityHubApp _app = new IdentityHubApp().With("IdentityHub:RateLimits:TokenClientFailures:Limit", "3");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Wrong_secrets_past_the_limit_get_429_with_Retry_After_until_the_window_ends_on_every_node()
    {
        await using var second = new IdentityHubApp().UseDatabase(_app.ConnectionString).With("IdentityHub:RateLimits:TokenClientFailures:Limit", "3");
        await second.InitializeAsync();
        _ = second.Services;
        SameMinute.Align(_app, second);
        var wrong = TokenClient.For(_app, TestClients.Integration, "not-the-secret");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.ClientCredentialsAsync(TestClients.ApiScope)).Status);
        }

        var http = _app.CreateClient();
        var refused = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = TestClients.Integration, ["client_secret"] = TestClients.IntegrationSecret, ["scope"] = TestClients.ApiScope,
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal("too_many_requests", (await refused.JsonAsync()).GetProperty("error").GetString());

        // A second node learns it at its first failure for that client.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenClient.For(second, TestClients.Integration, "still wrong").ClientCredentialsAsync(TestClients.ApiScope)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenClient.For(second, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).Status);

        // Another client is not affected; after the window the right secret works again.
        _app.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);
        (await TokenClient.For(_app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
    }

    [Fact]
    public async Task Ended_windows_are_deleted_by_the_cleanup_and_current_ones_kept()
    {
        await _app.NewBrowserFrom("203.0.113.120").SubmitPasswordAsync(MfaSteps.NewName("nobody"), "wrong password");
        Assert.True(await CountAsync() > 0);

        var cleanup = _app.Services.GetRequiredService<RateLimitCleanup>();
        Assert.Equal(0, await cleanup.RunNowAsync());

        // Past the longest window (the 15-minute ones), every row from that sign-in has ended. (The
        // periodic job may get there first as the clock moves; either way none is left.)
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        await cleanup.RunNowAsync();
        Assert.Equal(0, await CountAsync());
    }

    private Task<int> CountAsync() => _app.QueryAsync(db => db.RateLimitCounters.CountAsync());
}
