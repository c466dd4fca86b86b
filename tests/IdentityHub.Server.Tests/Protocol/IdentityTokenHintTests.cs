using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// An id_token_hint that is not a valid ID token of this server (unsigned, signed with another key,
/// garbage) is refused at authorization and end-session (P6), not silently ignored. As for other
/// refused authorization requests, the server's error page answers.
/// </summary>
public sealed class IdentityTokenHintTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    public static TheoryData<string> Forgeries => ["unsigned", "other key", "tampered", "garbage"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task An_invalid_hint_is_refused_at_authorization(string forgery)
    {
        var (browser, idToken) = await SignedInWithIdTokenAsync();

        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["id_token_hint"] = Forge(forgery, idToken) } };
        var response = await browser.AuthorizeAsync(request);

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", IdentityTokenHints.Description);
    }

    [Fact]
    public async Task An_invalid_hint_is_refused_at_authorization_when_signed_out_too()
    {
        var (_, idToken) = await SignedInWithIdTokenAsync();

        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["id_token_hint"] = Forge("unsigned", idToken) } };
        var response = await app.NewBrowser().AuthorizeAsync(request);

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", IdentityTokenHints.Description);
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task An_invalid_hint_is_refused_at_end_session(string forgery)
    {
        var (browser, idToken) = await SignedInWithIdTokenAsync();

        var response = await browser.GetAsync(EndSession(Forge(forgery, idToken)));

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", IdentityTokenHints.Description);
    }

    [Fact]
    public async Task A_valid_hint_is_still_accepted_at_end_session()
    {
        var (browser, idToken) = await SignedInWithIdTokenAsync();

        var response = await browser.GetAsync(EndSession(idToken));

        Assert.True(Browser.IsRedirectTo(response, "/account/signout"), Describe(response));
    }

    [Fact]
    public async Task An_expired_but_genuine_hint_is_still_accepted_at_end_session()
    {
        // A portal signs out with the ID token it kept since sign-in, often long expired (OIDC RP-Initiated Logout §2).
        await using var own = new IdentityHubApp();
        await own.InitializeAsync();
        var user = await own.CreateUserAsync(NewName("expired"));
        var idToken = (await TokenClient.For(own).RedeemAsync(await own.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess().IdToken;
        own.Clock.Advance(TimeSpan.FromHours(3));

        var response = await own.NewBrowser().GetAsync(EndSession(idToken) + "&state=bye");

        Assert.Equal(TestClients.PostLogoutRedirectUri + "?state=bye", (await own.NewBrowser().FollowAsync(response)).Headers.Location?.ToString());
    }

    private static string EndSession(string hint) => "/connect/endsession?id_token_hint=" + Uri.EscapeDataString(hint)
        + "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestClients.PostLogoutRedirectUri);

    /// <summary>A hint made from a real ID token of this server, broken in the named way.</summary>
    private static string Forge(string forgery, string idToken)
    {
        var real = new JsonWebToken(idToken);
        var claims = real.Claims.Where(claim => claim.Type is "sub" or "iss" or "aud" or "azp").ToList();
        return forgery switch
        {
            "unsigned" => new JsonWebTokenHandler().CreateToken(Descriptor(claims, signing: null)),
            "other key" => new JsonWebTokenHandler().CreateToken(Descriptor(claims, new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = real.Kid }, SecurityAlgorithms.RsaSha256))),
            "tampered" => idToken[..idToken.LastIndexOf('.')] + "." + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(256)),
            _ => "not-a-token",
        };
    }

    private static SecurityTokenDescriptor Descriptor(IEnumerable<Claim> claims, SigningCredentials? signing) => new()
    {
        Subject = new ClaimsIdentity(claims),
        TokenType = "JWT",
        SigningCredentials = signing,
        Expires = DateTime.UtcNow.AddMinutes(10),
    };

    private async Task<(Browser Browser, string IdToken)> SignedInWithIdTokenAsync()
    {
        var user = await app.CreateUserAsync(NewName("hint"));
        var browser = app.NewBrowser();
        var tokens = await TokenClient.For(app).RedeemAsync(await browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest()));
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return (browser, tokens.IdToken);
    }
}
