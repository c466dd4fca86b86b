using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>prompt, max_age, id_token_hint and login_hint as OpenID Connect Core says (P6), and SSO (P11).</summary>
public sealed class AuthorizationRequestTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_signed_out_browser_is_sent_to_the_sign_in_page()
    {
        var response = await app.NewBrowser().AuthorizeAsync(new AuthorizationRequest());

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Prompt_none_when_signed_out_returns_login_required_to_the_portal()
    {
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none" } };

        var result = AuthorizationResult.From(await app.NewBrowser().AuthorizeAsync(request), request);

        Assert.Equal(TestClients.RedirectUri, result.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("login_required", result.Error);
        Assert.Equal(request.State, result.Parameters["state"]);
    }

    [Fact]
    public async Task Prompt_none_when_signed_in_issues_a_code_without_a_page()
    {
        var (browser, _) = await SignedInAsync();
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none" } };

        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.False(string.IsNullOrEmpty(result.Code));
    }

    [Fact]
    public async Task A_second_portal_signs_in_without_a_password()
    {
        var (browser, user) = await SignedInAsync();

        var request = new AuthorizationRequest { ClientId = TestClients.PublicPortal };
        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        var tokens = (await TokenClient.For(app, TestClients.PublicPortal).RedeemAsync(result)).EnsureSuccess();
        Assert.Equal(user.Id, tokens.ReadIdToken().Subject);
    }

    [Fact]
    public async Task Prompt_login_forces_a_fresh_sign_in_with_a_later_auth_time()
    {
        var (browser, user) = await SignedInAsync();
        var firstAuthTime = await AuthTimeAsync(browser, new AuthorizationRequest());
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "login" } };
        var response = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(response, "/account/login"));
        var result = await browser.CodeFlowAsync(user.UserName!, request);

        var secondAuthTime = long.Parse((await TokenClient.For(app).RedeemAsync(result)).EnsureSuccess().ReadIdToken().GetClaim("auth_time").Value);
        Assert.True(secondAuthTime >= firstAuthTime + 120, $"auth_time {secondAuthTime} should be after {firstAuthTime}");
    }

    [Fact]
    public async Task Max_age_older_than_the_sign_in_asks_for_the_password_again()
    {
        var (browser, _) = await SignedInAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        var stale = await browser.AuthorizeAsync(new AuthorizationRequest { Extra = new Dictionary<string, string> { ["max_age"] = "300" } });
        var fresh = await browser.AuthorizeAsync(new AuthorizationRequest { Extra = new Dictionary<string, string> { ["max_age"] = "900" } });

        Assert.True(Browser.IsRedirectTo(stale, "/account/login"));
        Assert.Equal(TestClients.RedirectUri, fresh.Headers.Location!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task An_id_token_hint_for_another_user_with_prompt_none_gets_login_required()
    {
        var (otherBrowser, _) = await SignedInAsync();
        var otherIdToken = await IdTokenAsync(otherBrowser);
        var (browser, _) = await SignedInAsync();

        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none", ["id_token_hint"] = otherIdToken } };
        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal("login_required", result.Error);
    }

    [Fact]
    public async Task An_id_token_hint_for_the_signed_in_user_is_accepted()
    {
        var (browser, user) = await SignedInAsync();
        var idToken = await IdTokenAsync(browser);

        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none", ["id_token_hint"] = idToken } };
        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal(user.Id, (await TokenClient.For(app).RedeemAsync(result)).EnsureSuccess().ReadIdToken().Subject);
    }

    [Fact]
    public async Task Login_hint_fills_in_the_username()
    {
        var browser = app.NewBrowser();
        var response = await browser.FollowAsync(await browser.AuthorizeAsync(new AuthorizationRequest
        {
            Extra = new Dictionary<string, string> { ["login_hint"] = "hinted.user" },
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hinted.user", (await HtmlPage.ReadAsync(response)).ValueOf("Input.Username"));
    }

    private async Task<(Browser Browser, IdentityHub.Data.Users.IdentityHubUser User)> SignedInAsync()
    {
        var user = await app.CreateUserAsync("prompt-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return (browser, user);
    }

    private async Task<long> AuthTimeAsync(Browser browser, AuthorizationRequest request) =>
        long.Parse((await TokenClient.For(app).RedeemAsync(AuthorizationResult.From(await browser.AuthorizeAsync(request), request)))
            .EnsureSuccess().ReadIdToken().GetClaim("auth_time").Value);

    private async Task<string> IdTokenAsync(Browser browser)
    {
        var request = new AuthorizationRequest();
        return (await TokenClient.For(app).RedeemAsync(AuthorizationResult.From(await browser.AuthorizeAsync(request), request))).EnsureSuccess().IdToken;
    }
}
