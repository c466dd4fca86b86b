using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Pages;

/// <summary>
/// Connected apps: the apps a person consented to are listed with what they may do; disconnecting one revokes its
/// consent and tokens at once (its refresh is refused, it asks again next time) and is audited (D9 consent revoked).
/// </summary>
public sealed class ConnectedAppsTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_consented_app_is_listed_and_disconnecting_it_revokes_its_tokens_and_consent()
    {
        var user = await app.CreateUserAsync(NewName("apps"));
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        Assert.Contains("No app is connected to your account.", HtmlPage.TextOf(await (await browser.GetAsync("/account/apps")).Content.ReadAsStringAsync()));

        var request = new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid email offline_access" };
        var consentUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" });
        var client = TokenClient.For(app, TestClients.ThirdParty, TestClients.ThirdPartySecret);
        var tokens = (await client.RedeemAsync(AuthorizationResult.From(await browser.FollowAsync(allowed), request))).EnsureSuccess();

        var html = await (await browser.GetAsync("/account/apps")).Content.ReadAsStringAsync();
        var listed = HtmlPage.Parse(html);
        Assert.Contains("third-party-app (test)", listed.Text);
        Assert.Contains("See your email address", listed.Text);
        Assert.NotNull(listed.Document.QuerySelector($"#disconnect-{TestClients.ThirdParty}"));

        var authorizationId = listed.Document.QuerySelector("input[name=authorizationId]")!.GetAttribute("value")!;
        var disconnected = await browser.FollowAsync(await browser.PostPageFormAsync(html, "/account/apps?handler=Disconnect", new Dictionary<string, string> { ["authorizationId"] = authorizationId }));
        Assert.Contains("third-party-app (test) is disconnected.", HtmlPage.TextOf(await disconnected.Content.ReadAsStringAsync()));

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken)).Error);
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid email offline_access" }), "/connect/consent"));
        await using var scope = app.Services.CreateAsyncScope();
        var revoked = await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "consent.revoked");
        Assert.Equal(TestClients.ThirdParty, revoked.ClientId);
        Assert.StartsWith("scopes openid email offline_access;", revoked.Detail);
    }

    [Fact]
    public async Task Someone_elses_app_cannot_be_disconnected_and_the_page_needs_a_sign_in()
    {
        var owner = await app.CreateUserAsync(NewName("owner"));
        var other = await app.CreateUserAsync(NewName("other"));
        var ownerBrowser = app.NewBrowser();
        await ownerBrowser.SignInAsync(owner.UserName!);
        var request = new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid" };
        var consentUrl = (await ownerBrowser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        await ownerBrowser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" });
        await using var scope = app.Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<Connect.ConnectedApps>();
        var owned = Assert.Single(await apps.ListAsync(owner.Id));

        Assert.False(await apps.DisconnectAsync(other.Id, owned.AuthorizationId));
        Assert.Single(await apps.ListAsync(owner.Id));
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().GetAsync("/account/apps"), "/account/login"));
    }
}
