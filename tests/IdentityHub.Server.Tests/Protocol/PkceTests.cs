using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>PKCE with S256 is required of every client (P2).</summary>
public sealed class PkceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    // OpenIddict checks the PKCE parameters before it has matched the redirect URI to the client, so
    // it refuses on its own error page instead of redirecting: safe, and nothing is issued.
    [Fact]
    public async Task A_request_without_a_code_challenge_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = null });

        await AssertRefusedAsync(response, "The mandatory &#x27;code_challenge&#x27; parameter is missing.");
    }

    [Fact]
    public async Task The_plain_challenge_method_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = "plain" });

        await AssertRefusedAsync(response, "&#x27;code_challenge_method&#x27; is not supported");
    }

    [Fact]
    public async Task A_public_client_without_a_code_challenge_is_refused_too()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { ClientId = TestClients.PublicPortal, CodeChallengeMethod = null });

        await AssertRefusedAsync(response, "code_challenge");
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        var authorization = await (await SignedInBrowserAsync()).CodeFlowAsync("unused", new AuthorizationRequest());

        var tokens = await TokenClient.For(app).RedeemAsync(authorization, verifier: new string('x', 64));

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
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
        Assert.Contains(tokens.Error, new[] { "invalid_request", "invalid_grant" });
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This sign-in request cannot be completed", html);
        Assert.Contains(reason, html);
    }

    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync("pkce-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
