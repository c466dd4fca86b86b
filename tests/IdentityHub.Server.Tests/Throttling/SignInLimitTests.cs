using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>Sign-in attempts per network address (O6): 429 with Retry-After and plain words, shared by every node.</summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    // Three attempts a minute per address, so the tests stay short; the rule is the production one otherwise.
    private readonly IdentityHubApp _app = new IdentityHubApp()
        .With("IdentityHub:RateLimits:SignInPerAddress:Limit", "3")
        .With("IdentityHub:Network:TrustedProxies:0", "10.0.0.0/8");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Sign_ins_past_the_limit_for_one_address_get_429_with_Retry_After_and_a_page_in_plain_words()
    {
        var browser = _app.NewBrowserFrom("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
        }

        var refused = await browser.SubmitPasswordAsync(NewName(), "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal("Too many attempts", page.TextAt("h1"));
        Assert.Equal("Too many attempts. Please wait 1 minute and try again.", page.TextAt("[role=alert] #error-message"));

        // Another network is not affected.
        Assert.Equal(HttpStatusCode.OK, (await _app.NewBrowserFrom("198.51.100.20").SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
    }

    [Fact]
    public async Task The_limit_ends_with_its_window_on_the_clock()
    {
        var browser = _app.NewBrowserFrom("203.0.113.8");
        for (var i = 0; i < 3; i++)
        {
            await browser.SubmitPasswordAsync(NewName(), "wrong password");
        }

        var refused = await browser.SubmitPasswordAsync(NewName(), "wrong password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        _app.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
    }

    [Fact]
    public async Task A_second_node_on_the_same_database_counts_in_the_same_window()
    {
        await using var second = new IdentityHubApp()
            .UseDatabase(_app.ConnectionString)
            .With("IdentityHub:RateLimits:SignInPerAddress:Limit", "3");
        await second.InitializeAsync();
        SameMinute.Align(_app, second);

        await _app.NewBrowserFrom("203.0.113.9").SubmitPasswordAsync(NewName(), "wrong password");
        await second.NewBrowserFrom("203.0.113.9").SubmitPasswordAsync(NewName(), "wrong password");
        await _app.NewBrowserFrom("203.0.113.9").SubmitPasswordAsync(NewName(), "wrong password");

        var refused = await second.NewBrowserFrom("203.0.113.9").SubmitPasswordAsync(NewName(), "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_peer_that_is_not_a_trusted_proxy_is_ignored()
    {
        for (var i = 0; i < 3; i++)
        {
            var forged = _app.NewBrowserFrom("203.0.113.10");
            forged.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, (await forged.SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
        }

        var fourth = _app.NewBrowserFrom("203.0.113.10");
        fourth.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.99");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await fourth.SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_counts_on_its_own()
    {
        Browser Through(string client)
        {
            var browser = _app.NewBrowserFrom("10.1.2.3");
            browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            return browser;
        }

        for (var i = 0; i < 3; i++)
        {
            await Through("192.0.2.50").SubmitPasswordAsync(NewName(), "wrong password");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Through("192.0.2.50").SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Through("192.0.2.51").SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
        // The proxy's own address is not the partition: a client that reaches the server directly from a
        // proxy's range with a spoofed chain still counts as the left-most untrusted hop.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Through("192.0.2.50, 10.9.9.9").SubmitPasswordAsync(NewName(), "wrong password")).StatusCode);
    }

    private static string NewName() => "nobody-" + Guid.NewGuid().ToString("N")[..8];
}
