using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>PKCE with S256 is required of every client (P2).</summary>
public sealed class PkceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    // OpenIddict checks the PKCE parameters before it has matched the redirect URI to the client, so
    // it refuses on its own error page instead of redirecting: safe, and nothing is issued. (RFC 7636
    // §4.4.1 and RFC 6749 §4.1.2.1 would send invalid_request back to the valid redirect URI: reported.)
    [Fact]
    public async Task A_request_without_a_code_challenge_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = null });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The mandatory 'code_challenge' parameter is missing.");
    }

    [Fact]
    public async Task The_plain_challenge_method_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = "plain" });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The specified 'code_challenge_method' is not supported.");
    }

    [Fact]
    public async Task A_public_client_without_a_code_challenge_is_refused_too()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { ClientId = TestClients.PublicPortal, CodeChallengeMethod = null });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The mandatory 'code_challenge' parameter is missing.");
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        var authorization = await (await SignedInBrowserAsync()).CodeFlowAsync("unused", new AuthorizationRequest());

        var tokens = await TokenClient.For(app).RedeemAsync(authorization, verifier: new string('x', 64));

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
        Assert.False(tokens.Json.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_missing_code_verifier_is_refused()
    {
        var authorization = await (await SignedInBrowserAsync()).CodeFlowAsync("unused", new AuthorizationRequest());

        var tokens = await TokenClient.For(app).PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = authorization.Code,
            ["redirect_uri"] = TestClients.RedirectUri,
        });

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_request", tokens.Error);
        Assert.Equal("The mandatory 'code_verifier' parameter is missing.", tokens.Json.GetProperty("error_description").GetString());
        Assert.False(tokens.Json.TryGetProperty("access_token", out _));
    }

    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync("pkce-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
