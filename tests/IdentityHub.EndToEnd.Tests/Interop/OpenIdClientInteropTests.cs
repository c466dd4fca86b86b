using System.Text.Json;
using IdentityHub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// openid-client (Node.js), a certified relying-party library, against IdentityHub in separate processes
/// (P6-P10): it registers itself dynamically (<c>private_key_jwt</c>, PAR and DPoP required), pushes its
/// authorization request, redeems the code with a DPoP proof (answering the server's nonce) and a client
/// assertion, refreshes, reads userinfo with a proof; a signed-out session's refresh token is refused.
/// </summary>
[Collection(InteropLandscapeCollection.Name)]
public sealed class OpenIdClientInteropTests(InteropLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task OpenId_client_signs_in_with_PAR_DPoP_and_private_key_jwt_refreshes_and_reads_userinfo()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var callback = new Uri($"http://localhost:{FreeTcpPort.Next()}/openid-client/callback");
        await using var script = await NodeScript.StartAsync("openid-client-flow.mjs", new Dictionary<string, string>
        {
            ["ISSUER"] = landscape.Server.ToString(),
            ["INITIAL_ACCESS_TOKEN"] = await landscape.IssueInitialAccessTokenAsync(),
            ["REDIRECT_URI"] = callback.ToString(),
        });

        var authorize = await script.StepAsync("authorize");
        var url = new Uri(authorize.GetProperty("url").GetString()!);
        Assert.Contains("request_uri=", url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect_uri=", url.Query, StringComparison.Ordinal);
        var page = await browser.NewPageAsync();
        var returned = await BrowserRedirects.SignInAsync(page, landscape, url.ToString(), callback);
        Assert.Contains("code=", returned.Query, StringComparison.Ordinal);
        await script.WriteLineAsync(returned.ToString());

        var tokens = await script.StepAsync("tokens");
        Assert.Equal("dpop", Text(tokens, "tokenType"), ignoreCase: true);
        Assert.Equal("dpop", Text(tokens, "refreshedTokenType"), ignoreCase: true);
        Assert.True(tokens.GetProperty("refreshed").GetBoolean());
        Assert.Matches("^[0-9a-f]{32}$", Text(tokens, "subject"));
        Assert.False(string.IsNullOrEmpty(Text(tokens, "sessionId")));
        Assert.Equal(Text(tokens, "subject"), Text(tokens, "userinfoSubject"));
        Assert.Equal("Dana Demo", Text(tokens, "userinfoName"));
        // The DPoP-bound token is useless without a proof of its key.
        Assert.Equal(401, tokens.GetProperty("withoutProofStatus").GetInt32());

        await page.GotoAsync(Text(tokens, "endSessionUrl")!);
        await Expect(SignInSteps.Heading(page, "Sign out")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign out", Exact = true }).ClickAsync();
        await Expect(SignInSteps.Heading(page, "You are signed out")).ToBeVisibleAsync();
        await script.WriteLineAsync("signed out");
        var after = await script.StepAsync("after-sign-out");
        Assert.Equal("invalid_grant", Text(after, "refreshError"));
    }

    private static string? Text(JsonElement step, string name) =>
        step.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
