using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>"Remember this device" (M7): a browser that passed the challenge skips it for 24 hours.</summary>
public sealed class RememberDeviceTests
{
    [Fact]
    public async Task A_remembered_browser_skips_the_challenge_for_24_hours_and_the_server_keeps_only_a_hash()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var name = NewName("remember");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var first = new AuthorizationRequest();
        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(first));
        var page = HtmlPage.Parse(html);
        Assert.Equal("Remember this device for 24 hours", page.LabelOf(page.One("input[type=checkbox][name=RememberDevice]")));

        var verified = await browser.VerifyAsync(html, app.Messages.CodeSentTo(EmailOf(name)), rememberDevice: true);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, first)).Code));

        var token = browser.CookieValue(DeviceCookie);
        Assert.False(string.IsNullOrEmpty(token));
        var device = await app.QueryAsync(db => db.RememberedDevices.SingleAsync(d => d.UserId == user.Id));
        foreach (var column in new[] { device.TokenHash, device.Acr, device.Methods, device.Description })
        {
            Assert.DoesNotContain(token, column, StringComparison.Ordinal);
        }

        Assert.Matches("^[0-9A-F]{64}$", device.TokenHash);
        Assert.Equal("urn:identityhub:acr:aal2", device.Acr);

        // Signed out and back: the password is enough on this browser.
        await browser.SignOutAsync();
        var codesSent = app.Messages.To(EmailOf(name)).Count;
        var second = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(second);
        var password = await browser.SubmitPasswordAsync(name, returnUrl: returnUrl);
        var authorization = await browser.BackToPortalAsync(password, second);
        Assert.False(string.IsNullOrEmpty(authorization.Code));
        Assert.Equal(codesSent, app.Messages.To(EmailOf(name)).Count);
        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Equal(["pwd", "mail", "mfa"], amr);

        // A day later the device is no longer remembered.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await browser.SignOutAsync();
        var later = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(new AuthorizationRequest()));
        Assert.True(Browser.IsRedirectTo(later, Challenge), Describe(later));
    }

    [Fact]
    public async Task The_device_cookie_alone_carried_to_a_new_browser_skips_the_challenge_there()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var name = NewName("carried");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(name, rememberDevice: true)).StatusCode);

        var fresh = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await fresh.SubmitPasswordAsync(name), Challenge), "Without the cookie the challenge comes.");

        var withCookie = app.NewBrowser();
        withCookie.PutCookies(browser.SaveCookies().Where(cookie => cookie.Name == DeviceCookie));
        var password = await withCookie.SubmitPasswordAsync(name);
        Assert.True(Browser.IsRedirectTo(password, "/"), Describe(password));
    }

    [Fact]
    public async Task A_portal_that_forbids_remembering_gets_no_checkbox_and_no_remembered_device()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:Clients:0:AllowRememberDevice", "false");
        await app.InitializeAsync();
        var name = NewName("noremember");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();

        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));

        Assert.Empty(HtmlPage.Parse(html).Controls("RememberDevice"));
        Assert.DoesNotContain("Remember this device", HtmlPage.TextOf(html));

        // Even a forged checkbox remembers nothing.
        var verified = await browser.VerifyAsync(html, app.Messages.CodeSentTo(EmailOf(name)), rememberDevice: true);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));
        Assert.Null(browser.CookieValue(DeviceCookie));
        Assert.Equal(0, await app.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == user.Id)));

        // Another portal that allows it still offers the checkbox.
        var other = NewName("otherportal");
        await app.CreateUserAsync(other);
        var otherBrowser = app.NewBrowser();
        var otherHtml = await otherBrowser.PasswordToChallengeAsync(other, await otherBrowser.StartAtPortalAsync(new AuthorizationRequest { ClientId = TestClients.PublicPortal }));
        Assert.True(HtmlPage.Parse(otherHtml).Has("input[type=checkbox][name=RememberDevice]"), "No checkbox to remember the device.");
    }

    [Fact]
    public async Task Forgetting_all_devices_on_the_account_page_brings_the_challenge_back()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var name = NewName("forget");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(name, rememberDevice: true)).StatusCode);
        var page = HtmlPage.TextOf(await browser.PageAsync(Security));
        Assert.Contains("Forget all devices", page);
        Assert.Contains("A browser on an unknown system", page);

        var forgotten = await browser.PostSecurityAsync("ForgetDevice");

        Assert.True(Browser.IsRedirectTo(forgotten, Security), Describe(forgotten));
        var after = await browser.GetAsync(Security);
        var text = await after.TextAsync();
        Assert.Contains("The device will ask for a security code at the next sign-in.", text);
        Assert.Contains("No device is remembered. Every sign-in asks for a security code.", text);
        var device = await app.QueryAsync(db => db.RememberedDevices.SingleAsync(d => d.UserId == user.Id));
        Assert.NotNull(device.RevokedAt);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.devices_revoked")));

        await browser.SignOutAsync();
        var password = await browser.SubmitPasswordAsync(name);
        Assert.True(Browser.IsRedirectTo(password, Challenge), Describe(password));
    }
}
