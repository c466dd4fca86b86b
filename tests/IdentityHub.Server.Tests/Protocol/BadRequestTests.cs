using System.Net;
using System.Text;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Unknown clients and redirect URIs get an error page and never a redirect (P5); malformed
/// parameters get the exact OAuth error, never a 500 and never a code.
/// </summary>
public sealed class BadRequestTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Theory]
    [InlineData("no-such-portal", "The specified 'client_id' is invalid.")]
    [InlineData("", "The mandatory 'client_id' parameter is missing.")]
    public async Task An_unknown_or_missing_client_gets_an_error_page_and_no_redirect(string clientId, string description)
    {
        var response = await (await SignedInBrowserAsync()).AuthorizeAsync(new AuthorizationRequest { ClientId = clientId });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", description);
    }

    [Theory]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData("https://portal.test/signin-oidc/")]
    [InlineData("https://portal.test/signin-oidc?next=1")]
    [InlineData("https://PORTAL.test/signin-oidc")]
    [InlineData("http://portal.test/signin-oidc")]
    public async Task A_redirect_uri_that_does_not_match_exactly_gets_an_error_page(string redirectUri)
    {
        var response = await (await SignedInBrowserAsync()).AuthorizeAsync(new AuthorizationRequest { RedirectUri = redirectUri });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The specified 'redirect_uri' is not valid for this client application.");
    }

    [Fact]
    public async Task A_missing_redirect_uri_gets_an_error_page()
    {
        var response = await (await SignedInBrowserAsync()).AuthorizeAsync(new AuthorizationRequest { RedirectUri = "" });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The mandatory 'redirect_uri' parameter is missing.");
    }

    // RFC 6749 §4.1.2.1 sends this error back to the (valid) redirect URI. OpenIddict refuses an
    // unsupported response type before it has matched the redirect URI to the client, so it stays on
    // the error page: no code and no token reach anyone (reported as a deviation from the RFC).
    [Theory]
    [InlineData("token")]
    [InlineData("id_token")]
    [InlineData("code token")]
    [InlineData("code id_token")]
    public async Task Implicit_and_hybrid_response_types_are_refused(string responseType)
    {
        var response = await (await SignedInBrowserAsync()).AuthorizeAsync(new AuthorizationRequest { ResponseType = responseType });

        await ErrorPage.AssertRefusedAsync(response, "unsupported_response_type", "The specified 'response_type' is not supported.");
    }

    // The in-memory server has no request-line limit (Kestrel's 8 KB would answer 414 first); IdentityHub
    // caps an authorization request's parameters at 4 KB (AuthorizationRequestSizeTests).
    [Fact]
    public async Task An_oversized_state_is_refused_without_a_server_error_or_a_redirect()
    {
        var request = new AuthorizationRequest { State = new string('s', 20_000) };

        var response = await (await SignedInBrowserAsync()).AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("grant_type=authorization_code", "invalid_request")]
    [InlineData("grant_type=authorization_code&code=%00%01garbage&redirect_uri=https%3A%2F%2Fportal.test%2Fsignin-oidc&code_verifier=x", "invalid_request")]
    [InlineData("grant_type=refresh_token&refresh_token=not.a.jwt", "invalid_grant")]
    [InlineData("grant_type=", "invalid_request")]
    [InlineData("grant_type=authorization_code&grant_type=refresh_token", "invalid_request")]
    [InlineData("garbage", "invalid_request")]
    public async Task Malformed_token_requests_get_the_exact_OAuth_error(string body, string error)
    {
        var response = await app.CreateClient().PostAsync("/connect/token",
            new StringContent(body + "&client_id=" + TestClients.PublicPortal, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(json.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task An_oversized_refresh_token_gets_an_OAuth_error()
    {
        var tokens = await TokenClient.For(app).RefreshAsync(new string('a', 200_000));

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task A_token_request_that_is_not_a_form_gets_an_OAuth_error()
    {
        var response = await app.CreateClient().PostAsync("/connect/token", new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_request_by_GET_gets_an_OAuth_error()
    {
        var response = await app.CreateClient().GetAsync("/connect/token?grant_type=client_credentials");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_missing_page_gets_the_friendly_not_found_page()
    {
        var response = await app.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await HtmlPage.ReadAsync(response)).TextAt("h1"));
    }

    /// <summary>A browser with a session, so a request that is not refused would come back with a code at once.</summary>
    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync("badreq-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
