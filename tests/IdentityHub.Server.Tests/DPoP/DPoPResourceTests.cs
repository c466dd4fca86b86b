using System.Net;
using IdentityHub.DPoP;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>The userinfo endpoint accepts DPoP-bound tokens only with the DPoP scheme and a proof (RFC 9449 §7).</summary>
public sealed class DPoPUserInfoTests(DPoPApp fixture) : IClassFixture<DPoPApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task A_bound_token_with_the_DPoP_scheme_and_a_proof_reads_userinfo()
    {
        var (client, key, tokens) = await BoundTokensAsync();

        var (userinfo, _) = await client.UserInfoAsync("DPoP", tokens.AccessToken, UserInfoProof(key, tokens.AccessToken));

        Assert.Equal(HttpStatusCode.OK, userinfo.Status);
        Assert.Equal(tokens.ReadIdToken().Subject, userinfo.Json.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task A_bound_token_sent_as_a_bearer_token_is_refused()
    {
        var (client, _, tokens) = await BoundTokensAsync();

        var (userinfo, headers) = await client.UserInfoAsync("Bearer", tokens.AccessToken, proof: null);

        Assert.Equal(HttpStatusCode.Unauthorized, userinfo.Status);
        Assert.StartsWith("DPoP error=\"invalid_token\"", headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_by_another_key_or_for_another_token_is_refused()
    {
        var (client, key, tokens) = await BoundTokensAsync();

        var (otherKey, headers) = await client.UserInfoAsync("DPoP", tokens.AccessToken, UserInfoProof(DPoPKey.EC(), tokens.AccessToken));
        var (otherToken, _) = await client.UserInfoAsync("DPoP", tokens.AccessToken, UserInfoProof(key, "another-token"));
        var (none, _) = await client.UserInfoAsync("DPoP", tokens.AccessToken, proof: null);

        Assert.Equal((HttpStatusCode.Unauthorized, DPoPErrors.InvalidProof), (otherKey.Status, otherKey.Error));
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Unauthorized, DPoPErrors.InvalidProof), (otherToken.Status, otherToken.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, DPoPErrors.InvalidProof), (none.Status, none.Error));
    }

    [Fact]
    public async Task An_unbound_token_with_the_DPoP_scheme_is_refused_and_with_Bearer_still_works()
    {
        var user = await app.CreateUserAsync("dpop-ui-" + Guid.NewGuid().ToString("N")[..6]);
        var tokens = (await TokenClient.For(app).RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var client = new DPoPRequests(app);

        var (asDPoP, _) = await client.UserInfoAsync("DPoP", tokens.AccessToken, UserInfoProof(DPoPKey.EC(), tokens.AccessToken));
        var (asBearer, _) = await client.UserInfoAsync("Bearer", tokens.AccessToken, proof: null);

        Assert.Equal(HttpStatusCode.Unauthorized, asDPoP.Status);
        Assert.Equal(HttpStatusCode.OK, asBearer.Status);
    }

    private string UserInfoProof(DPoPKey key, string accessToken) =>
        key.Proof("GET", DPoPRequests.UserInfoUri, app.Clock.GetUtcNow(), accessToken: accessToken);

    private async Task<(DPoPRequests Client, DPoPKey Key, TokenResponse Tokens)> BoundTokensAsync()
    {
        var user = await app.CreateUserAsync("dpop-ui-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var key = DPoPKey.EC();
        var client = new DPoPRequests(app);
        var tokens = (await client.RedeemAsync(authorization, key.Proof("POST", DPoPRequests.TokenUri, app.Clock.GetUtcNow()))).EnsureSuccess();
        return (client, key, tokens);
    }
}
