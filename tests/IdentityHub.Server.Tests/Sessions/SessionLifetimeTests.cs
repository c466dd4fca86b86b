using System.Net;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Sessions;

/// <summary>
/// IdentityHub's own session ends after its idle timeout and, however active, its absolute lifetime: the
/// record says so, not only the cookie.
/// </summary>
public sealed class SessionLifetimeTests
{
    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_asks_for_the_password_again()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:Session:IdleTimeout", "00:15:00");
        var browser = await SignedInBrowserAsync(app);
        Assert.False(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));

        app.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task An_active_session_still_ends_at_its_absolute_lifetime()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Session:IdleTimeout", "00:15:00")
            .With("IdentityHub:Session:AbsoluteLifetime", "01:00:00");
        var browser = await SignedInBrowserAsync(app);

        // Active every ten minutes: the idle timeout never fires.
        for (var minutes = 10; minutes <= 50; minutes += 10)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var response = await browser.AuthorizeAsync(new AuthorizationRequest());
            Assert.False(Browser.IsRedirectTo(response, "/account/login"), $"signed out after {minutes} minutes");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
        var record = await app.QueryAsync(db => db.Sessions.SingleAsync());
        Assert.Equal(SessionEndReasons.Expired, record.EndReason);
    }

    private static async Task<Browser> SignedInBrowserAsync(IdentityHubApp app)
    {
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("session-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
