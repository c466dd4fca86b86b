using System.Net;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Sessions;

/// <summary>
/// Server-side sessions (A12): the cookie points at a record, and a cookie whose record has ended is refused
/// on the next request, whoever kept a copy of it, on every node.
/// </summary>
public sealed class ServerSessionTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_once_its_owner_signs_out()
    {
        var name = NewName("copied");
        await app.CreateUserAsync(name);
        var owner = app.NewBrowser();
        await owner.CodeFlowAsync(name, new AuthorizationRequest());
        var thief = owner.CopyTo(app);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(Security)).StatusCode);

        var signedOut = await owner.SubmitAsync("/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.True(Browser.IsRedirectTo(await thief.GetAsync(Security), "/account/login"));
        var silent = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none" } };
        var result = AuthorizationResult.From(await thief.AuthorizeAsync(silent), silent);
        Assert.Equal("login_required", result.Error);
        Assert.False(result.Parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task The_id_token_carries_the_session_id_and_the_record_lists_every_portal_signed_in_to()
    {
        var name = NewName("sid");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var tokens = TokenClient.For(app);

        var first = (await tokens.RedeemAsync(await browser.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var secondRequest = new AuthorizationRequest { ClientId = TestClients.PublicPortal };
        var second = (await TokenClient.For(app, TestClients.PublicPortal).RedeemAsync(
            AuthorizationResult.From(await browser.AuthorizeAsync(secondRequest), secondRequest))).EnsureSuccess();

        var sid = first.ReadIdToken().GetClaim("sid").Value;
        Assert.Equal(sid, second.ReadIdToken().GetClaim("sid").Value);
        Assert.False(first.ReadAccessToken().TryGetClaim("sid", out _), "sid is for ID tokens only");
        var record = await app.QueryAsync(db => db.Sessions.Include(s => s.Clients).SingleAsync(s => s.UserId == user.Id));
        Assert.Equal(sid, record.Id);
        Assert.Null(record.EndedAt);
        Assert.Equal([TestClients.PublicPortal, TestClients.Portal], record.Clients.Select(c => c.ClientId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Signing_in_again_as_the_same_person_keeps_the_session_and_as_someone_else_replaces_it()
    {
        var name = NewName("again");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var tokens = TokenClient.For(app);
        var sid = (await tokens.RedeemAsync(await browser.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess().ReadIdToken().GetClaim("sid").Value;

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var fresh = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "login" } };
        var again = (await tokens.RedeemAsync(await browser.CodeFlowAsync(name, fresh))).EnsureSuccess();
        Assert.Equal(sid, again.ReadIdToken().GetClaim("sid").Value);

        var other = NewName("other");
        await app.CreateUserAsync(other);
        var switched = (await tokens.RedeemAsync(await browser.CodeFlowAsync(other, fresh))).EnsureSuccess();
        Assert.NotEqual(sid, switched.ReadIdToken().GetClaim("sid").Value);
        var replaced = await app.QueryAsync(db => db.Sessions.SingleAsync(s => s.Id == sid));
        Assert.Equal(SessionEndReasons.Replaced, replaced.EndReason);
        Assert.Equal(user.Id, replaced.UserId);
    }

    [Fact]
    public async Task The_account_page_lists_active_sessions_and_ends_another_one()
    {
        var name = NewName("listed");
        await app.CreateUserAsync(name);
        var phone = BrowserWith(app, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1");
        await phone.CodeFlowAsync(name, new AuthorizationRequest());
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var desk = BrowserWith(app, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        await desk.CodeFlowAsync(name, new AuthorizationRequest());

        var page = HtmlPage.Parse(await desk.PageAsync(Security));
        var rows = page.Document.QuerySelectorAll("#sessions tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Chrome on Windows", rows[0].TextContent);
        Assert.Contains("This device", rows[0].TextContent);
        Assert.Contains("Safari on iPhone", rows[1].TextContent);
        var phoneSession = rows[1].QuerySelector("input[name=sessionId]")?.GetAttribute("value");
        Assert.NotNull(phoneSession);
        Assert.Null(rows[0].QuerySelector("input[name=sessionId]"));

        var ended = await desk.PostSecurityAsync("EndSession", new Dictionary<string, string> { ["sessionId"] = phoneSession });

        Assert.True(Browser.IsRedirectTo(ended, Security), Describe(ended));
        Assert.Contains("Safari on iPhone is signed out.", await desk.PageAsync(Security));
        Assert.True(Browser.IsRedirectTo(await phone.GetAsync(Security), "/account/login"));
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync(Security)).StatusCode);
        var record = await app.QueryAsync(db => db.Sessions.SingleAsync(s => s.Id == phoneSession));
        Assert.Equal(SessionEndReasons.EndedByUser, record.EndReason);
    }

    [Fact]
    public async Task Nobody_ends_a_session_that_is_not_theirs()
    {
        var victim = NewName("victim");
        await app.CreateUserAsync(victim);
        var victimBrowser = app.NewBrowser();
        var sid = (await TokenClient.For(app).RedeemAsync(await victimBrowser.CodeFlowAsync(victim, new AuthorizationRequest())))
            .EnsureSuccess().ReadIdToken().GetClaim("sid").Value;
        var attacker = NewName("attacker");
        await app.CreateUserAsync(attacker);
        var attackerBrowser = app.NewBrowser();
        await attackerBrowser.CodeFlowAsync(attacker, new AuthorizationRequest());

        var response = await attackerBrowser.PostSecurityAsync("EndSession", new Dictionary<string, string> { ["sessionId"] = sid });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That session has already ended.", await response.TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await victimBrowser.GetAsync(Security)).StatusCode);
    }

    [Fact]
    public async Task A_temporary_password_from_the_help_desk_ends_every_session_at_once()
    {
        var name = NewName("helpdesk");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdentityHub.Data.Users.IdentityHubUser>>();
            await scope.ServiceProvider.GetRequiredService<IdentityHub.Server.Account.TemporaryPasswords>()
                .IssueAsync((await users.FindByIdAsync(user.Id))!, "a test");
        }

        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(Security), "/account/login"));
        var record = await app.QueryAsync(db => db.Sessions.SingleAsync(s => s.UserId == user.Id));
        Assert.Equal(SessionEndReasons.Administrator, record.EndReason);
    }

    [Fact]
    public async Task The_end_sessions_command_signs_a_person_out_everywhere()
    {
        var name = NewName("command");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());

        var exit = await IdentityHub.Server.Commands.AccountCommand.RunAsync(app.Services, IdentityHub.Server.Commands.AccountAction.EndSessions, [name]);

        Assert.Equal(0, exit);
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(Security), "/account/login"));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "session.ended_by_administrator")));
    }

    [Fact]
    public async Task Records_past_their_retention_are_deleted_and_newer_ones_kept()
    {
        var name = NewName("retained");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());
        await browser.SubmitAsync("/account/signout", new Dictionary<string, string>());

        Assert.Equal(0, await DeleteOldAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id)));

        // The hourly cleanup may run as the clock moves on; running it once more changes nothing then.
        app.Clock.Advance(TimeSpan.FromDays(31));
        await DeleteOldAsync();
        Assert.Equal(0, await app.QueryAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id)));
    }

    private Task<int> DeleteOldAsync() => app.Services.GetServices<IHostedService>().OfType<SessionCleanup>().Single().RunNowAsync();

    private static Browser BrowserWith(IdentityHubApp on, string userAgent)
    {
        var browser = on.NewBrowser();
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return browser;
    }
}
