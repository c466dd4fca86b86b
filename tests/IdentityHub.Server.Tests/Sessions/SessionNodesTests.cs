using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Sessions;

/// <summary>
/// Two nodes on one database (O2): a session ended on one node is refused by the other at once when that
/// node has not seen it lately, and within IdentityHub:Session:CacheLifetime (five seconds) when it has.
/// </summary>
public sealed class SessionNodesTests : IAsyncLifetime
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private IdentityHubApp _first = null!;
    private IdentityHubApp _second = null!;

    public async Task InitializeAsync()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("nodes");
        _first = new IdentityHubApp().UseDatabase(database);
        await _first.InitializeAsync();
        _second = new IdentityHubApp().UseDatabase(database);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_session_signed_out_on_one_node_is_refused_on_the_other_at_once()
    {
        var name = NewName("twonodes");
        await _first.CreateUserAsync(name);
        var onFirst = _first.NewBrowser();
        await onFirst.CodeFlowAsync(name, new AuthorizationRequest());
        var copy = onFirst.CopyTo(_first);

        await onFirst.SubmitAsync("/account/signout", new Dictionary<string, string>());

        Assert.True(Browser.IsRedirectTo(await copy.GetAsync(Security), "/account/login"));
        Assert.True(Browser.IsRedirectTo(await copy.CopyTo(_second).GetAsync(Security), "/account/login"));
    }

    [Fact]
    public async Task A_node_that_checked_the_session_a_moment_ago_refuses_it_within_the_cache_lifetime()
    {
        var name = NewName("cached");
        await _first.CreateUserAsync(name);
        var onFirst = _first.NewBrowser();
        await onFirst.CodeFlowAsync(name, new AuthorizationRequest());
        var onSecond = onFirst.CopyTo(_second);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync(Security)).StatusCode);

        await onFirst.SubmitAsync("/account/signout", new Dictionary<string, string>());
        _second.Clock.Advance(CacheLifetime);

        Assert.True(Browser.IsRedirectTo(await onSecond.GetAsync(Security), "/account/login"));
    }

    [Fact]
    public async Task Sign_out_everywhere_on_one_node_ends_a_session_the_other_node_serves()
    {
        var name = NewName("everynode");
        await _first.CreateUserAsync(name);
        var elsewhere = _first.NewBrowser();
        await elsewhere.CodeFlowAsync(name, new AuthorizationRequest());
        var servedBySecond = elsewhere.CopyTo(_second);
        _first.Clock.Advance(TimeSpan.FromSeconds(31));
        var here = _first.NewBrowser();
        await here.CodeFlowAsync(name, new AuthorizationRequest());

        Assert.True(Browser.IsRedirectTo(await here.PostSecurityAsync("SignOutEverywhere"), Security));

        Assert.True(Browser.IsRedirectTo(await servedBySecond.GetAsync(Security), "/account/login"));
        Assert.Equal(HttpStatusCode.OK, (await here.CopyTo(_second).GetAsync(Security)).StatusCode);
    }
}
