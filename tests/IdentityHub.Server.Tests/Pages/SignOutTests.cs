using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Pages;

/// <summary>RP-initiated logout with a confirmation page.</summary>
public sealed class SignOutTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_portal_sign_out_asks_for_confirmation_then_returns_to_the_portal_signed_out()
    {
        var user = await app.CreateUserAsync("signout-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var idToken = (await TokenClient.For(app).RedeemAsync(await browser.CodeFlowAsync(user.UserName!, request))).EnsureSuccess().IdToken;

        var endSession = "/connect/endsession?id_token_hint=" + idToken
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestClients.PostLogoutRedirectUri) + "&state=bye";
        var response = await browser.GetAsync(endSession);
        Assert.True(Browser.IsRedirectTo(response, "/account/signout"), response.Headers.Location?.ToString());

        var confirmed = await browser.SubmitAsync(response.Headers.Location!.OriginalString, new Dictionary<string, string>());
        var final = await browser.FollowAsync(confirmed);

        Assert.Equal(TestClients.PostLogoutRedirectUri + "?state=bye", final.Headers.Location!.ToString());
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task An_unregistered_post_logout_redirect_uri_gets_an_error_page()
    {
        var response = await app.NewBrowser().GetAsync("/connect/endsession?client_id=" + TestClients.Portal
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Signing_out_directly_shows_the_signed_out_page()
    {
        var user = await app.CreateUserAsync("direct-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);

        var response = await browser.FollowAsync(await browser.SubmitAsync("/account/signout", new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are signed out", await response.TextAsync());
    }
}
