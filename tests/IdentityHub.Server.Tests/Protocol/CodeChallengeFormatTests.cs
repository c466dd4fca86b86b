using IdentityHub.Server.Connect;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// A code_challenge that no verifier can match (P2) is refused before a code is issued, instead of
/// yielding a code that can never be redeemed. Refused on the server's error page, as the other PKCE
/// errors (see PkceTests).
/// </summary>
public sealed class CodeChallengeFormatTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Theory]
    [InlineData("abc")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP")] // 42 characters
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO+=")] // base64, not base64url
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN.~")] // verifier characters, not base64url
    public async Task A_malformed_s256_challenge_is_refused(string challenge)
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.AuthorizeAsync(new AuthorizationRequest { CodeChallengeOverride = challenge });

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", CodeChallengeFormat.Description);
    }

    [Fact]
    public async Task A_well_formed_challenge_still_gets_a_code_that_redeems()
    {
        var browser = await SignedInBrowserAsync();
        var request = new AuthorizationRequest();

        var result = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal(43, request.CodeChallenge.Length);
        (await TokenClient.For(app).RedeemAsync(result)).EnsureSuccess();
    }

    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync("challenge-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        return browser;
    }
}
