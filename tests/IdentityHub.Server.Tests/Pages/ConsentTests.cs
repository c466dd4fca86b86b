using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Pages;

/// <summary>First-party portals are pre-consented; a third-party client gets a consent page.</summary>
public sealed class ConsentTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private static AuthorizationRequest ThirdParty() => new() { ClientId = TestClients.ThirdParty, Scope = "openid profile email" };

    [Fact]
    public async Task A_third_party_client_shows_the_consent_page_and_allowing_issues_a_code()
    {
        var browser = await SignedInAsync();
        var request = ThirdParty();

        var response = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(response, "/connect/consent"), response.Headers.Location?.ToString());
        var consentUrl = response.Headers.Location!.OriginalString;
        var page = HtmlPage.TextOf(await (await browser.GetAsync(consentUrl)).Content.ReadAsStringAsync());
        Assert.Contains("third-party-app (test)", page);
        Assert.Contains("See your email address", page);

        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" });
        var result = AuthorizationResult.From(await browser.FollowAsync(allowed), request);

        var tokens = await TokenClient.For(app, TestClients.ThirdParty, TestClients.ThirdPartySecret).RedeemAsync(result);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);

        // Consent is remembered: the next request goes straight back with a code.
        var again = ThirdParty();
        Assert.False(string.IsNullOrEmpty(AuthorizationResult.From(await browser.AuthorizeAsync(again), again).Code));
    }

    [Fact]
    public async Task Declining_consent_returns_access_denied_to_the_client()
    {
        var browser = await SignedInAsync();
        var request = ThirdParty();
        var consentUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;

        var denied = await browser.SubmitAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "deny" });
        var result = AuthorizationResult.From(await browser.FollowAsync(denied), request);

        Assert.Equal("access_denied", result.Error);
        Assert.Equal(request.State, result.Parameters["state"]);
    }

    [Fact]
    public async Task Prompt_none_without_consent_returns_consent_required()
    {
        var browser = await SignedInAsync();
        var request = ThirdParty() with { Extra = new Dictionary<string, string> { ["prompt"] = "none" } };

        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal("consent_required", result.Error);
    }

    [Fact]
    public async Task The_consent_page_refuses_a_return_url_that_is_not_an_authorization_request()
    {
        var browser = await SignedInAsync();

        var response = await browser.GetAsync("/connect/consent?returnUrl=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<Browser> SignedInAsync()
    {
        var user = await app.CreateUserAsync("consent-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
