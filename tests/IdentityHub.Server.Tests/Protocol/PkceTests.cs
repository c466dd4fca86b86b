using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>PKCE with S256 is required of every client (P2).</summary>
public sealed class PkceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_request_without_a_code_challenge_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var result = AuthorizationResult.From(await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = null }), new AuthorizationRequest());

        Assert.Equal("invalid_request", result.Error);
        Assert.Contains("code_challenge", result.Parameters["error_description"]);
        Assert.False(result.Parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task The_plain_challenge_method_is_refused()
    {
        var browser = await SignedInBrowserAsync();

        var result = AuthorizationResult.From(await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeMethod = "plain" }), new AuthorizationRequest());

        Assert.Equal("invalid_request", result.Error);
        Assert.False(result.Parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task A_public_client_without_a_code_challenge_is_refused_too()
    {
        var browser = await SignedInBrowserAsync();

        var request = new AuthorizationRequest { ClientId = TestClients.PublicPortal, CodeChallengeMethod = null };
        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal("invalid_request", result.Error);
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

    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync("pkce-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
