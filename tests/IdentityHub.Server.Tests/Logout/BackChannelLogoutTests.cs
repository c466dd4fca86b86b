using System.Net;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Logout;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Logout;

/// <summary>
/// Single logout (P9, OpenID Connect Back-Channel Logout 1.0): when a session ends, every portal it signed in to
/// that registered a back-channel logout URI receives a signed logout token, and the session's refresh tokens
/// are refused; a portal that does not answer is retried with back-off, then given up on; every outcome is audited.
/// </summary>
public sealed class BackChannelLogoutTests(SingleLogoutWorld world) : IClassFixture<SingleLogoutWorld>
{
    private static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(31);

    private IdentityHubApp App => world.App;

    [Fact]
    public async Task Signing_out_sends_both_portals_a_signed_logout_token_and_their_refresh_tokens_are_refused()
    {
        var name = NewName("slo");
        var user = await App.CreateUserAsync(name);
        var browser = App.NewBrowser();
        var a = (await TokenClient.For(App).RedeemAsync(await browser.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var requestB = new AuthorizationRequest { ClientId = TestClients.PublicPortal };
        var b = (await TokenClient.For(App, TestClients.PublicPortal).RedeemAsync(AuthorizationResult.From(await browser.AuthorizeAsync(requestB), requestB))).EnsureSuccess();
        var sid = a.ReadIdToken().GetClaim("sid").Value;
        Assert.Equal(sid, b.ReadIdToken().GetClaim("sid").Value);

        await browser.SignOutAsync();

        var toA = Assert.Single(await world.Receiver.WaitForAsync("/portal-a", sid));
        var toB = Assert.Single(await world.Receiver.WaitForAsync("/portal-b", sid));
        await AssertValidLogoutTokenAsync(toA, TestClients.Portal, user.Id, sid);
        await AssertValidLogoutTokenAsync(toB, TestClients.PublicPortal, user.Id, sid);
        Assert.NotEqual(toA.Id, toB.Id);

        Assert.Equal("invalid_grant", (await TokenClient.For(App).RefreshAsync(a.RefreshToken)).Error);
        Assert.Equal("invalid_grant", (await TokenClient.For(App, TestClients.PublicPortal).RefreshAsync(b.RefreshToken)).Error);
        await Eventually(() => App.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "logout.delivered")), 2);
        var deliveries = await App.QueryAsync(db => db.LogoutDeliveries.Where(d => d.SessionId == sid).ToListAsync());
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(d.DeliveredAt is not null && d.NextAttemptAt is null && d.Attempts == 1));
    }

    [Fact]
    public async Task Discovery_advertises_back_and_front_channel_logout_with_sessions()
    {
        var metadata = await (await App.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();

        foreach (var name in new[] { "backchannel_logout_supported", "backchannel_logout_session_supported", "frontchannel_logout_supported", "frontchannel_logout_session_supported" })
        {
            Assert.True(metadata.GetProperty(name).GetBoolean(), name);
        }
    }

    [Fact]
    public async Task Sign_out_everywhere_logs_the_other_browsers_portals_out_and_keeps_this_one()
    {
        var name = NewName("sloeverywhere");
        await App.CreateUserAsync(name);
        var other = App.NewBrowser();
        var otherTokens = (await TokenClient.For(App).RedeemAsync(await other.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var otherSid = otherTokens.ReadIdToken().GetClaim("sid").Value;
        App.Clock.Advance(ResendCooldown);
        var mine = App.NewBrowser();
        var myTokens = (await TokenClient.For(App).RedeemAsync(await mine.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var mySid = myTokens.ReadIdToken().GetClaim("sid").Value;

        Assert.True(Browser.IsRedirectTo(await mine.PostSecurityAsync("SignOutEverywhere"), Security));

        Assert.Single(await world.Receiver.WaitForAsync("/portal-a", otherSid));
        Assert.Empty(world.Receiver.For("/portal-a", mySid));
    }

    [Fact]
    public async Task Sessions_ended_by_an_administrator_on_either_host_are_logged_out_by_the_job()
    {
        var name = NewName("sloadmin");
        var user = await App.CreateUserAsync(name);
        var sid = (await TokenClient.For(App).RedeemAsync(await App.NewBrowser().CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess()
            .ReadIdToken().GetClaim("sid").Value;

        // As the admin host does it: the shared account service, with no token server request to wake the job.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Users.IdentityHubUser>>();
            await scope.ServiceProvider.GetRequiredService<Accounts.AccountSessions>()
                .EndAllAsync((await users.FindByIdAsync(user.Id))!, SessionEndReasons.Administrator);
        }

        Assert.Equal(1, await App.QueryAsync(db => db.LogoutDeliveries.CountAsync(d => d.SessionId == sid)));
        await App.Services.GetRequiredService<BackChannelLogoutJob>().RunNowAsync();
        Assert.Single(await world.Receiver.WaitForAsync("/portal-a", sid));
    }

    [Fact]
    public async Task A_session_past_its_absolute_lifetime_logs_its_portals_out_without_anyone_coming_back()
    {
        var name = NewName("sloexpiry");
        await App.CreateUserAsync(name);
        var tokens = (await TokenClient.For(App).RedeemAsync(await App.NewBrowser().CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var sid = tokens.ReadIdToken().GetClaim("sid").Value;
        await App.Services.GetRequiredService<BackChannelLogoutJob>().RunNowAsync();
        Assert.Empty(world.Receiver.For("/portal-a", sid));

        App.Clock.Advance(TimeSpan.FromHours(12));
        await App.Services.GetRequiredService<BackChannelLogoutJob>().RunNowAsync();

        Assert.Single(await world.Receiver.WaitForAsync("/portal-a", sid));
        Assert.Equal(SessionEndReasons.Expired, await App.QueryAsync(db => db.Sessions.Where(s => s.Id == sid).Select(s => s.EndReason).SingleAsync()));
    }

    [Fact]
    public async Task A_failing_portal_is_retried_with_back_off_never_twice_at_once_and_given_up_after_the_last_retry()
    {
        var name = NewName("slofailing");
        var user = await App.CreateUserAsync(name);
        var browser = App.NewBrowser();
        var request = new AuthorizationRequest { ClientId = SingleLogoutWorld.FailingPortal };
        var sid = (await TokenClient.For(App, SingleLogoutWorld.FailingPortal).RedeemAsync(await browser.CodeFlowAsync(name, request))).EnsureSuccess()
            .ReadIdToken().GetClaim("sid").Value;
        var job = App.Services.GetRequiredService<BackChannelLogoutJob>();

        // The sign-out page (with this portal's front-channel frame), then the first post, woken by the request.
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/signout", new Dictionary<string, string>())).StatusCode);
        await world.Receiver.WaitForAsync("/failing", sid);
        var delivery = await Eventually(() => DeliveryAsync(sid), d => d.Attempts == 1 && d.LastError == "HTTP 500" && d.NextAttemptAt is not null);
        Assert.Equal(App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), delivery.NextAttemptAt!.Value, TimeSpan.FromSeconds(1));

        // Not before its time; then three runs at once (three nodes) post it once.
        App.Clock.Advance(TimeSpan.FromSeconds(50));
        await job.RunNowAsync();
        Assert.Equal(1, (await DeliveryAsync(sid)).Attempts);
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(job.RunNowAsync(), job.RunNowAsync(), job.RunNowAsync());
        await Eventually(() => DeliveryAsync(sid), d => d.Attempts == 2 && d.NextAttemptAt > App.Clock.GetUtcNow() + TimeSpan.FromMinutes(4));
        Assert.Equal(2, world.Receiver.For("/failing", sid).Count);

        var attempts = 2;
        foreach (var wait in new[] { TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(15) })
        {
            App.Clock.Advance(wait);
            await job.RunNowAsync();
            attempts++;
            await Eventually(() => DeliveryAsync(sid), d => d.Attempts == attempts && (d.AbandonedAt is not null || d.NextAttemptAt > App.Clock.GetUtcNow() + TimeSpan.FromMinutes(2)));
        }

        delivery = await DeliveryAsync(sid);
        Assert.Equal(7, delivery.Attempts);
        Assert.NotNull(delivery.AbandonedAt);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(7, world.Receiver.For("/failing", sid).Count);
        App.Clock.Advance(TimeSpan.FromDays(1));
        await job.RunNowAsync();
        Assert.Equal(7, world.Receiver.For("/failing", sid).Count);
        var events = await App.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id && e.Event.StartsWith("logout.")).Select(e => e.Event).ToListAsync());
        Assert.Equal(6, events.Count(e => e == "logout.failed"));
        Assert.Equal(1, events.Count(e => e == "logout.abandoned"));
    }

    [Fact]
    public async Task The_signed_out_page_loads_the_portals_front_channel_logout_uri_with_iss_and_sid_and_only_it_may_frame_it()
    {
        var name = NewName("slofront");
        await App.CreateUserAsync(name);
        var browser = App.NewBrowser();
        var request = new AuthorizationRequest { ClientId = SingleLogoutWorld.FailingPortal };
        var sid = (await TokenClient.For(App, SingleLogoutWorld.FailingPortal).RedeemAsync(await browser.CodeFlowAsync(name, request))).EnsureSuccess()
            .ReadIdToken().GetClaim("sid").Value;
        Assert.DoesNotContain("frame-src", (await browser.GetAsync("/account/signout")).Headers.GetValues("Content-Security-Policy").Single());

        var response = await browser.SubmitAsync("/account/signout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        var frame = Assert.Single(page.Document.QuerySelectorAll("iframe.front-channel-logout"));
        Assert.Equal($"{SingleLogoutWorld.FrontChannelUri}?iss={Uri.EscapeDataString("https://localhost/")}&sid={sid}", frame.GetAttribute("src"));
        Assert.True(frame.HasAttribute("hidden"));
        Assert.False(string.IsNullOrEmpty(frame.GetAttribute("title")));
        Assert.Contains("frame-src 'self' https://portal.test", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("3; url=/account/signed-out", response.Headers.GetValues("Refresh").Single());
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(Security), "/account/login"));
    }

    private async Task AssertValidLogoutTokenAsync(JsonWebToken token, string clientId, string userId, string sid)
    {
        var http = App.CreateClient();
        var issuer = (await (await http.GetAsync("/.well-known/openid-configuration")).JsonAsync()).GetProperty("issuer").GetString();
        var keys = new JsonWebKeySet(await (await http.GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync()).GetSigningKeys();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = keys,
            ValidTypes = ["logout+jwt"],
            // The server's clock is fake: lifetime is checked against it below.
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(userId, token.Subject);
        Assert.Equal(sid, token.GetClaim("sid").Value);
        Assert.True(token.GetPayloadValue<System.Text.Json.JsonElement>("events").TryGetProperty(LogoutTokens.BackChannelLogoutEvent, out _));
        Assert.False(token.TryGetPayloadValue<string>("nonce", out _));
        Assert.True(token.IssuedAt <= App.Clock.GetUtcNow().UtcDateTime && token.ValidTo > App.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(1, await App.QueryAsync(db => db.LogoutDeliveries.CountAsync(d => d.Id == token.Id && d.ClientId == clientId)));
    }

    private Task<LogoutDelivery> DeliveryAsync(string sid) =>
        App.QueryAsync(db => db.LogoutDeliveries.AsNoTracking().SingleAsync(d => d.SessionId == sid));

    /// <summary>Waits (a real 20 s at most) for work the server does off the request to be recorded.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            value = await read();
        }

        Assert.True(done(value), $"Still {value} after 20 s.");
        return value;
    }

    private static Task<int> Eventually(Func<Task<int>> read, int expected) => Eventually(read, value => value == expected);
}
