using System.Net;
using System.Text;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Unknown clients and redirect URIs get an error page and never a redirect (P5); malformed and
/// oversized parameters get an OAuth error, never a 500.
/// </summary>
public sealed class BadRequestTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task An_unknown_client_gets_an_error_page_and_no_redirect()
    {
        var response = await app.NewBrowser().AuthorizeAsync(new AuthorizationRequest { ClientId = "no-such-portal" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This sign-in request cannot be completed", html);
        Assert.Contains("client_id", html);
    }

    [Theory]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData("https://portal.test/signin-oidc/")]
    [InlineData("https://portal.test/signin-oidc?next=1")]
    [InlineData("https://PORTAL.test/signin-oidc")]
    [InlineData("http://portal.test/signin-oidc")]
    public async Task A_redirect_uri_that_does_not_match_exactly_gets_an_error_page(string redirectUri)
    {
        var response = await app.NewBrowser().AuthorizeAsync(new AuthorizationRequest { RedirectUri = redirectUri });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("This sign-in request cannot be completed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("token")]
    [InlineData("id_token")]
    [InlineData("code token")]
    [InlineData("code id_token")]
    public async Task Implicit_and_hybrid_response_types_are_refused(string responseType)
    {
        var request = new AuthorizationRequest { ResponseType = responseType };
        var response = await app.NewBrowser().AuthorizeAsync(request);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("access_token=", response.Headers.Location?.ToString() ?? "");
        var error = response.Headers.Location is { } location
            ? AuthorizationResult.From(response, request).Error
            : await response.Content.ReadAsStringAsync();
        Assert.Contains("unsupported_response_type", error);
    }

    [Fact]
    public async Task An_oversized_state_is_refused_without_a_server_error()
    {
        var request = new AuthorizationRequest { State = new string('s', 20_000) };

        var response = await app.NewBrowser().AuthorizeAsync(request);

        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("grant_type=authorization_code")]
    [InlineData("grant_type=authorization_code&code=%00%01garbage&redirect_uri=https%3A%2F%2Fportal.test%2Fsignin-oidc&code_verifier=x")]
    [InlineData("grant_type=refresh_token&refresh_token=not.a.jwt")]
    [InlineData("grant_type=")]
    [InlineData("grant_type=authorization_code&grant_type=refresh_token")]
    [InlineData("garbage")]
    public async Task Malformed_token_requests_get_an_OAuth_error(string body)
    {
        var response = await app.CreateClient().PostAsync("/connect/token",
            new StringContent(body + "&client_id=" + TestClients.PublicPortal, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
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
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
