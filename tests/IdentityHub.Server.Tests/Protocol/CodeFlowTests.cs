using System.Net;
using System.Text.Json;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

public sealed class CodeFlowTests : IClassFixture<IdentityHubApp>
{
    private readonly IdentityHubApp _app;

    public CodeFlowTests(IdentityHubApp app) => _app = app;

    [Fact]
    public async Task Code_flow_with_PKCE_issues_tokens_that_describe_the_user()
    {
        var user = await _app.CreateUserAsync("rramirez-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = _app.NewBrowser();

        var authorization = await browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        Assert.Equal(TestClients.RedirectUri, authorization.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal(authorization.Request.State, authorization.Parameters["state"]);
        Assert.Equal("https://localhost/", authorization.Parameters["iss"]);

        var tokens = (await TokenClient.For(_app).RedeemAsync(authorization)).EnsureSuccess();
        Assert.Equal("Bearer", tokens.Json.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));

        var id = tokens.ReadIdToken();
        Assert.Equal("RS256", id.Alg);
        Assert.Equal(user.Id, id.Subject);
        Assert.NotEqual(user.UserName, id.Subject);
        Assert.Equal(TestClients.Portal, Assert.Single(id.Audiences));
        Assert.Equal(authorization.Request.Nonce, id.GetClaim("nonce").Value);
        Assert.Equal("Rosa Ramirez", id.GetClaim("name").Value);
        Assert.Equal("Rosa", id.GetClaim("given_name").Value);
        Assert.Equal("Ramirez", id.GetClaim("family_name").Value);
        Assert.Equal(user.UserName, id.GetClaim("preferred_username").Value);
        Assert.Equal(user.Email, id.GetClaim("email").Value);
        Assert.Equal("true", id.GetClaim("email_verified").Value);
        Assert.Equal("+16505552652", id.GetClaim("phone_number").Value);
        Assert.Equal("urn:identityhub:acr:aal2", id.GetClaim("acr").Value);
        Assert.InRange(long.Parse(id.GetClaim("auth_time").Value), _app.Clock.GetUtcNow().ToUnixTimeSeconds() - 5, _app.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);

        // amr is a JSON array: the password, the emailed code, and "mfa" for the two factors.
        using var payload = JsonDocument.Parse(Base64UrlDecode(tokens.IdToken.Split('.')[1]));
        var amr = payload.RootElement.GetProperty("amr");
        Assert.Equal(JsonValueKind.Array, amr.ValueKind);
        Assert.Equal(["pwd", "mail", "mfa"], amr.EnumerateArray().Select(method => method.GetString()));

        var access = tokens.ReadAccessToken();
        Assert.Equal("RS256", access.Alg);
        Assert.Equal(user.Id, access.Subject);
        Assert.Contains(TestClients.ApiScope, access.Audiences);
        Assert.Contains(TestClients.ApiScope, access.GetClaim("scope").Value.Split(' '));
        Assert.False(access.TryGetClaim(SessionClaimsInTokens.ChainExpiry, out _), "Private claims must not leak into access tokens.");
    }

    [Fact]
    public async Task Scopes_decide_which_profile_claims_the_id_token_carries()
    {
        var user = await _app.CreateUserAsync("scopes-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await _app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest { Scope = "openid" });

        var id = (await TokenClient.For(_app).RedeemAsync(authorization)).EnsureSuccess().ReadIdToken();

        Assert.Equal(user.Id, id.Subject);
        Assert.False(id.TryGetClaim("email", out _));
        Assert.False(id.TryGetClaim("name", out _));
        Assert.False(id.TryGetClaim("phone_number", out _));
        Assert.True(id.TryGetClaim("amr", out _));
    }

    [Fact]
    public async Task A_public_client_redeems_its_code_with_PKCE_alone()
    {
        var user = await _app.CreateUserAsync("public-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await _app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest { ClientId = TestClients.PublicPortal });

        var tokens = await TokenClient.For(_app, TestClients.PublicPortal).RedeemAsync(authorization);

        Assert.Equal(user.Id, tokens.EnsureSuccess().ReadIdToken().Subject);
    }

    [Fact]
    public async Task Reusing_a_code_is_refused_and_revokes_the_tokens_it_issued()
    {
        var user = await _app.CreateUserAsync("replay-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await _app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var client = TokenClient.For(_app);
        var first = (await client.RedeemAsync(authorization)).EnsureSuccess();
        Assert.True((await client.IntrospectAsync(first.AccessToken)).GetProperty("active").GetBoolean());

        var second = await client.RedeemAsync(authorization);

        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Error);
        // The refresh token dies; the self-contained access token lives out its minutes (see StoredAccessTokenTests).
        Assert.Equal("invalid_grant", (await client.RefreshAsync(first.RefreshToken)).Error);
    }

    [Fact]
    public async Task A_code_issued_to_one_client_cannot_be_redeemed_by_another()
    {
        var user = await _app.CreateUserAsync("theft-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await _app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());

        var stolen = await TokenClient.For(_app, TestClients.PublicPortal).RedeemAsync(authorization);

        Assert.Equal("invalid_grant", stolen.Error);
    }

    [Fact]
    public async Task Codes_are_issued_redeemed_once_and_refused_again_on_the_embedded_SQLite_database_too()
    {
        // A code's row is written once, with its payload (SingleWriteTokenStore): on both databases.
        using var database = new SqliteFile("codes");
        await using var app = database.NewApp();
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("sqlite-codes");
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var client = TokenClient.For(app);

        var tokens = (await client.RedeemAsync(authorization)).EnsureSuccess();
        Assert.Equal(user.Id, tokens.ReadIdToken().Subject);
        Assert.Equal("invalid_grant", (await client.RedeemAsync(authorization)).Error);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken)).Error);
    }

    internal static byte[] Base64UrlDecode(string value) => Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(value);
}

internal static class SessionClaimsInTokens
{
    public const string ChainExpiry = "ih_rt_exp";
}
