using System.Net;
using IdentityHub.Server.Keys;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.Keys;

/// <summary>
/// The signing algorithm as a choice (O7, decision 0043): each client picks how its ID tokens are signed and each API
/// how its access tokens are, among RS256, PS256 and ES256, each with its own rotating key published in JWKS.
/// </summary>
public sealed class SigningAlgorithmTests
{
    [Fact]
    public async Task A_client_that_chose_ES256_gets_ES256_ID_tokens_that_verify_against_JWKS_and_other_clients_keep_RS256()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:Clients:0:IdTokenSigningAlgorithm", "ES256");
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("es256-user");
        var keys = await PublishedAsync(app);

        var tokens = (await TokenClient.For(app).RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var refreshed = (await TokenClient.For(app).RefreshAsync(tokens.RefreshToken)).EnsureSuccess();

        foreach (var idToken in new[] { tokens.IdToken, refreshed.IdToken })
        {
            Assert.Equal(("ES256", KidOf(keys, "ES256")), (new JsonWebToken(idToken).Alg, new JsonWebToken(idToken).Kid));
            await VerifiesAsync(app, idToken);
        }

        // The portal's API did not choose: its access token stays RS256, and the server still takes it.
        Assert.Equal(("RS256", KidOf(keys, "RS256")), (tokens.ReadAccessToken().Alg, tokens.ReadAccessToken().Kid));
        await VerifiesAsync(app, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, await UserinfoAsync(app, tokens.AccessToken));

        // The server takes its ES256 ID token back as the hint when the portal signs out.
        var signOut = await app.NewBrowser().GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(tokens.IdToken)
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestClients.PostLogoutRedirectUri) + "&state=bye");
        Assert.Equal(TestClients.PostLogoutRedirectUri + "?state=bye", (await app.NewBrowser().FollowAsync(signOut)).Headers.Location?.ToString());

        var request = new AuthorizationRequest { ClientId = TestClients.PublicPortal };
        var other = (await TokenClient.For(app, TestClients.PublicPortal).RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, request))).EnsureSuccess();
        Assert.Equal(("RS256", KidOf(keys, "RS256")), (other.ReadIdToken().Alg, other.ReadIdToken().Kid));
    }

    [Fact]
    public async Task An_API_that_chose_PS256_gets_PS256_access_tokens_that_verify_and_that_the_server_itself_accepts()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:ApiResources:0:AccessTokenSigningAlgorithm", "PS256")
            .With("IdentityHub:ApiResources:1:Name", "claims-api")
            .With("IdentityHub:ApiResources:1:AccessTokenSigningAlgorithm", "ES256")
            .With("IdentityHub:Clients:3:Scopes:1", "claims-api");
        await app.InitializeAsync();
        var keys = await PublishedAsync(app);
        var integration = TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret);

        var machine = (await integration.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.Equal(("PS256", KidOf(keys, "PS256")), (machine.ReadAccessToken().Alg, machine.ReadAccessToken().Kid));
        await VerifiesAsync(app, machine.AccessToken);
        Assert.True((await integration.IntrospectAsync(machine.AccessToken)).GetProperty("active").GetBoolean());

        // Each API gets the algorithm it chose; a token for both, which chose differently, is RS256.
        Assert.Equal("ES256", (await integration.ClientCredentialsAsync("claims-api")).EnsureSuccess().ReadAccessToken().Alg);
        Assert.Equal("RS256", (await integration.ClientCredentialsAsync($"{TestClients.ApiScope} claims-api")).EnsureSuccess().ReadAccessToken().Alg);

        // A person's access token for the API: PS256, accepted by userinfo; the portal's ID token stays RS256.
        var user = await app.CreateUserAsync("ps256-user");
        var tokens = (await TokenClient.For(app).RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        Assert.Equal("PS256", tokens.ReadAccessToken().Alg);
        Assert.Equal(HttpStatusCode.OK, await UserinfoAsync(app, tokens.AccessToken));
        Assert.Equal("RS256", tokens.ReadIdToken().Alg);
    }

    [Fact]
    public async Task The_ES256_key_rotates_on_the_same_schedule_and_its_previous_key_still_verifies_during_retention()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Clients:0:IdTokenSigningAlgorithm", "ES256")
            .With("IdentityHub:Keys:RotationInterval", "1.00:00:00")
            .With("IdentityHub:Keys:PublishAhead", "02:00:00")
            .With("IdentityHub:Tokens:RefreshTokenLifetime", "01:00:00")
            .With("IdentityHub:Tokens:RefreshTokenAbsoluteLifetime", "02:00:00");
        await app.InitializeAsync();
        var ring = app.Services.GetRequiredService<KeyRing>();
        var user = await app.CreateUserAsync("es256-rotation-user");
        var before = await IdTokenAsync(app, user.UserName!);
        var firstKid = Assert.Single(EcKids(await PublishedAsync(app)));
        Assert.Equal(firstKid, new JsonWebToken(before).Kid);

        // Within the publish-ahead window the successor is published, and the first key still signs.
        app.Clock.Advance(TimeSpan.FromHours(23));
        await ring.RefreshAsync(CancellationToken.None);
        var nextKid = Assert.Single(EcKids(await PublishedAsync(app)), kid => kid != firstKid);
        Assert.Equal(firstKid, new JsonWebToken(await IdTokenAsync(app, user.UserName!)).Kid);

        // After the rotation the successor signs; a token the first key signed still verifies against JWKS.
        app.Clock.Advance(TimeSpan.FromHours(1.5));
        await ring.RefreshAsync(CancellationToken.None);
        var after = await IdTokenAsync(app, user.UserName!);
        Assert.Equal(("ES256", nextKid), (new JsonWebToken(after).Alg, new JsonWebToken(after).Kid));
        await VerifiesAsync(app, before);
        await VerifiesAsync(app, after);

        // Once the tokens the first key signed have expired, it leaves JWKS like an RSA key.
        app.Clock.Advance(TimeSpan.FromHours(3));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([nextKid], EcKids(await PublishedAsync(app)));
    }

    private static async Task<string> IdTokenAsync(IdentityHubApp app, string userName) =>
        (await TokenClient.For(app).RedeemAsync(await app.NewBrowser().CodeFlowAsync(userName, new AuthorizationRequest()))).EnsureSuccess().IdToken;

    private static async Task<HttpStatusCode> UserinfoAsync(IdentityHubApp app, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(accessToken);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    private static async Task<JsonWebKeySet> PublishedAsync(IdentityHubApp app) =>
        new(await (await app.CreateClient().GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync());

    private static string KidOf(JsonWebKeySet keys, string algorithm) => Assert.Single(keys.Keys, key => key.Alg == algorithm).Kid;

    private static List<string> EcKids(JsonWebKeySet keys) =>
        [.. keys.Keys.Where(key => key is { Kty: "EC", Crv: "P-256", Alg: "ES256" }).Select(key => key.Kid)];

    // What a relying party does: the key named by the token's kid in JWKS, and the signature checked with it. Lifetimes
    // follow the server's fake clock, so only the signature and the issuer are checked here.
    private static async Task VerifiesAsync(IdentityHubApp app, string token)
    {
        var keys = await PublishedAsync(app);
        var jwt = new JsonWebToken(token);
        var key = Assert.Single(keys.GetSigningKeys(), key => key.KeyId == jwt.Kid);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://localhost/",
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = key,
            ValidAlgorithms = [jwt.Alg],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }
}
