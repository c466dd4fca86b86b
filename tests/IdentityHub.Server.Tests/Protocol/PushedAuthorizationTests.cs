using System.Net;
using System.Text.Json;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Pushed authorization requests (PAR, RFC 9126; P10): the portal's back end pushes the request with its client
/// authentication, the browser carries only client_id and request_uri, and every page of the sign-in (password, code,
/// consent) works from the pushed parameters (decision 0036).
/// </summary>
public sealed class PushedAuthorizationTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_pushed_request_signs_in_with_a_code_asks_consent_for_the_scopes_and_issues_tokens()
    {
        var name = NewName("par");
        await app.CreateUserAsync(name);
        var request = new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid profile email" };
        var browser = app.NewBrowser();

        var pushed = await PushAsync(app, request, TestClients.ThirdPartySecret);
        Assert.Equal(HttpStatusCode.Created, pushed.Status);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", pushed.RequestUri);
        Assert.InRange(pushed.ExpiresIn, 60, 600);

        var toLogin = await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));
        var signedIn = await browser.SignInAsync(name, returnUrl: ReturnUrlOf(toLogin));
        var toConsent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        Assert.True(Browser.IsRedirectTo(toConsent, "/connect/consent"), Describe(toConsent));

        var consentUrl = toConsent.Headers.Location!.OriginalString;
        var consent = await HtmlPage.ReadAsync(await browser.GetAsync(consentUrl));
        Assert.Equal(3, consent.Document.QuerySelectorAll("#scopes input[type=checkbox]").Length);
        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" });
        var authorization = AuthorizationResult.From(await browser.GetAsync(allowed.Headers.Location!.OriginalString), request);

        Assert.Equal(request.State, authorization.Parameters["state"]);
        var tokens = (await TokenClient.For(app, TestClients.ThirdParty, TestClients.ThirdPartySecret).RedeemAsync(authorization)).EnsureSuccess();
        Assert.Equal(request.Nonce, tokens.ReadIdToken().GetClaim("nonce").Value);
        Assert.Equal(["openid", "profile", "email"], tokens.Json.GetProperty("scope").GetString()!.Split(' '));

        // Used once: presented again after the code was issued, it is refused.
        await ErrorPage.AssertRefusedAsync(await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri)), "invalid_request_uri", RequestUriErrors.Description);
    }

    [Fact]
    public async Task Prompt_login_in_a_pushed_request_asks_for_the_password_once_and_does_not_loop()
    {
        var name = NewName("parlogin");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "login" } };

        var pushed = await PushAsync(app, request, TestClients.PortalSecret);
        var toLogin = await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));
        var signedIn = await browser.SignInAsync(name, returnUrl: ReturnUrlOf(toLogin));
        var authorization = AuthorizationResult.From(await browser.GetAsync(signedIn.Headers.Location!.OriginalString), request);

        Assert.False(string.IsNullOrEmpty(authorization.Code), authorization.Describe());
    }

    [Fact]
    public async Task Acr_values_in_a_pushed_request_raise_the_level_the_sign_in_must_reach()
    {
        var name = NewName("paracr");
        await app.CreateUserAsync(name);
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["acr_values"] = "urn:identityhub:acr:aal3" } };
        var browser = app.NewBrowser();

        var pushed = await PushAsync(app, request, TestClients.PortalSecret);
        var toLogin = await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));
        var html = await browser.PasswordToChallengeAsync(name, ReturnUrlOf(toLogin));

        Assert.Contains("requires a phishing-resistant sign-in method", HtmlPage.Parse(html).TextAt("#level-unreachable"));
    }

    [Fact]
    public async Task Login_hint_in_a_pushed_request_fills_in_the_username()
    {
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["login_hint"] = "rosa.hint" } };
        var browser = app.NewBrowser();

        var pushed = await PushAsync(app, request, TestClients.PortalSecret);
        var toLogin = await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));
        var login = await HtmlPage.ReadAsync(await browser.GetAsync(toLogin.Headers.Location!.OriginalString));

        Assert.Equal("rosa.hint", login.Document.QuerySelector("input[name='Input.Username']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_unknown_request_uri_is_refused_on_the_error_page()
    {
        var response = await app.NewBrowser().GetAsync(AuthorizeUrl(TestClients.Portal, "urn:ietf:params:oauth:request_uri:unknown"));

        await ErrorPage.AssertRefusedAsync(response, "invalid_request_uri", RequestUriErrors.Description);
    }

    [Fact]
    public async Task A_request_uri_past_its_lifetime_is_refused_on_the_error_page()
    {
        await using var own = new IdentityHubApp();
        await own.InitializeAsync();
        var request = new AuthorizationRequest();
        var pushed = await PushAsync(own, request, TestClients.PortalSecret);

        own.Clock.Advance(TimeSpan.FromMinutes(11));
        var response = await own.NewBrowser().GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));

        await ErrorPage.AssertRefusedAsync(response, "invalid_request_uri", RequestUriErrors.Description);
    }

    [Fact]
    public async Task A_pushed_request_without_client_authentication_is_refused()
    {
        var response = await app.CreateClient().PostAsync("/connect/par", new FormUrlEncodedContent(Form(new AuthorizationRequest())));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_client_that_requires_PAR_is_refused_a_plain_request_and_served_a_pushed_one()
    {
        await using var strict = new IdentityHubApp().With("IdentityHub:Clients:0:RequirePushedAuthorization", "true");
        await strict.InitializeAsync();
        var name = NewName("parreq");
        await strict.CreateUserAsync(name);
        var request = new AuthorizationRequest();

        var plain = await strict.NewBrowser().AuthorizeAsync(request);
        var pushed = await PushAsync(strict, request, TestClients.PortalSecret);
        var browser = strict.NewBrowser();
        var toLogin = await browser.GetAsync(AuthorizeUrl(request.ClientId, pushed.RequestUri));
        var signedIn = await browser.SignInAsync(name, returnUrl: ReturnUrlOf(toLogin));
        var authorization = AuthorizationResult.From(await browser.GetAsync(signedIn.Headers.Location!.OriginalString), request);

        var refused = AuthorizationResult.From(plain, request);
        Assert.True(refused.Error == "invalid_request" || plain.StatusCode == HttpStatusCode.BadRequest, refused.Describe());
        Assert.False(refused.Parameters.ContainsKey("code"));
        Assert.False(string.IsNullOrEmpty(authorization.Code), authorization.Describe());
        var discovery = await (await strict.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal("https://localhost/connect/par", discovery.GetProperty("pushed_authorization_request_endpoint").GetString());
    }

    internal static async Task<(HttpStatusCode Status, string RequestUri, int ExpiresIn)> PushAsync(IdentityHubApp app, AuthorizationRequest request, string secret)
    {
        var form = Form(request);
        form["client_secret"] = secret;
        var response = await app.CreateClient().PostAsync("/connect/par", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, json.GetProperty("request_uri").GetString()!, json.GetProperty("expires_in").GetInt32());
    }

    internal static string AuthorizeUrl(string clientId, string requestUri) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?> { ["client_id"] = clientId, ["request_uri"] = requestUri });

    private static Dictionary<string, string> Form(AuthorizationRequest request)
    {
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), request.Url()).Query);
        return query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    private static string ReturnUrlOf(HttpResponseMessage toLogin)
    {
        Assert.True(Browser.IsRedirectTo(toLogin, "/account/login"), Describe(toLogin));
        return QueryHelpers.ParseQuery(toLogin.Headers.Location!.Query)["ReturnUrl"].ToString();
    }
}
