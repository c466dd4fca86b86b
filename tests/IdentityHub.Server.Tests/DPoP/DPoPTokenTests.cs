using System.Net;
using IdentityHub.DPoP;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>A server where the integration client must use DPoP (<c>IdentityHub:Clients:3:RequireDPoP</c>).</summary>
public sealed class DPoPApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new IdentityHubApp().With("IdentityHub:Clients:3:RequireDPoP", "true");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>The token endpoint checks DPoP proofs and binds tokens to the proof's key (P10, RFC 9449 §4-6).</summary>
public sealed class DPoPTokenTests(DPoPApp fixture) : IClassFixture<DPoPApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task A_confidential_client_with_a_proof_gets_an_access_token_bound_to_its_key()
    {
        var key = DPoPKey.EC();
        var authorization = await SignInAsync(TestClients.Portal);

        var tokens = (await new DPoPRequests(app).RedeemAsync(authorization, Proof(key))).EnsureSuccess();

        Assert.Equal("DPoP", tokens.Json.GetProperty("token_type").GetString());
        Assert.Equal(key.Thumbprint, DPoPKey.BoundThumbprintOf(tokens.AccessToken));
    }

    [Fact]
    public async Task Without_a_proof_tokens_stay_bearer_tokens()
    {
        var tokens = (await TokenClient.For(app).RedeemAsync(await SignInAsync(TestClients.Portal))).EnsureSuccess();

        Assert.Equal("Bearer", tokens.Json.GetProperty("token_type").GetString());
        Assert.Null(DPoPKey.BoundThumbprintOf(tokens.AccessToken));
    }

    [Fact]
    public async Task A_public_clients_refresh_token_works_only_with_the_same_key()
    {
        var key = DPoPKey.EC();
        var client = new DPoPRequests(app, TestClients.PublicPortal);
        var tokens = (await client.RedeemAsync(await SignInAsync(TestClients.PublicPortal), Proof(key))).EnsureSuccess();

        var stolen = await client.RefreshAsync(tokens.RefreshToken, Proof(DPoPKey.EC()));
        var bare = await client.RefreshAsync(tokens.RefreshToken, proof: null);
        var refreshed = (await client.RefreshAsync(tokens.RefreshToken, Proof(key))).EnsureSuccess();

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (stolen.Status, stolen.Error));
        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (bare.Status, bare.Error));
        Assert.Equal("DPoP", refreshed.Json.GetProperty("token_type").GetString());
        Assert.Equal(key.Thumbprint, DPoPKey.BoundThumbprintOf(refreshed.AccessToken));
        // The new refresh token is bound to the same key.
        Assert.Equal(DPoPErrors.InvalidProof, (await client.RefreshAsync(refreshed.RefreshToken, Proof(DPoPKey.EC()))).Error);
    }

    [Fact]
    public async Task A_confidential_clients_refresh_token_is_not_bound_to_the_key()
    {
        var client = new DPoPRequests(app);
        var tokens = (await client.RedeemAsync(await SignInAsync(TestClients.Portal), Proof(DPoPKey.EC()))).EnsureSuccess();

        var other = DPoPKey.Rsa();
        var refreshed = (await client.RefreshAsync(tokens.RefreshToken, Proof(other))).EnsureSuccess();

        Assert.Equal(other.Thumbprint, DPoPKey.BoundThumbprintOf(refreshed.AccessToken));
    }

    [Fact]
    public async Task A_client_that_requires_DPoP_is_refused_without_a_proof()
    {
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);

        var refused = await client.ClientCredentialsAsync(proof: null);
        var bound = (await client.ClientCredentialsAsync(Proof(DPoPKey.Rsa("PS256")))).EnsureSuccess();

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (refused.Status, refused.Error));
        Assert.Equal("DPoP", bound.Json.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task A_replayed_proof_is_refused()
    {
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);
        var proof = Proof(DPoPKey.EC());
        (await client.ClientCredentialsAsync(proof)).EnsureSuccess();

        var replay = await client.ClientCredentialsAsync(proof);

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (replay.Status, replay.Error));
        Assert.Contains("used before", replay.Json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", DPoPRequests.TokenUri)]
    [InlineData("POST", "https://localhost/connect/introspect")]
    [InlineData("POST", "https://elsewhere.test/connect/token")]
    public async Task A_proof_for_another_method_or_URI_is_refused(string method, string uri)
    {
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);

        var refused = await client.ClientCredentialsAsync(DPoPKey.EC().Proof(method, uri, app.Clock.GetUtcNow()));

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (refused.Status, refused.Error));
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(2 * 60)]
    public async Task A_proof_made_too_long_ago_or_in_the_future_is_refused(int seconds)
    {
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);

        var refused = await client.ClientCredentialsAsync(DPoPKey.EC().Proof("POST", DPoPRequests.TokenUri, app.Clock.GetUtcNow().AddSeconds(seconds)));

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (refused.Status, refused.Error));
        Assert.Contains("'iat'", refused.Json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiZHBvcCtqd3QifQ.eyJqdGkiOiJ4In0.")]
    public async Task A_malformed_proof_is_refused_with_a_clear_error(string proof)
    {
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);

        var refused = await client.ClientCredentialsAsync(proof);

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.InvalidProof), (refused.Status, refused.Error));
    }

    [Fact]
    public async Task Introspection_reports_the_key_a_token_is_bound_to()
    {
        var key = DPoPKey.EC();
        var tokens = (await new DPoPRequests(app).RedeemAsync(await SignInAsync(TestClients.Portal), Proof(key))).EnsureSuccess();

        var introspected = await TokenClient.For(app).IntrospectAsync(tokens.AccessToken);

        Assert.True(introspected.GetProperty("active").GetBoolean());
        Assert.Equal(key.Thumbprint, introspected.GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.Equal("DPoP", introspected.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task Discovery_lists_the_proof_algorithms()
    {
        using var http = app.CreateClient();
        var metadata = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration")).RootElement;

        var algorithms = metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ToList();

        Assert.Contains("ES256", algorithms);
        Assert.Contains("RS256", algorithms);
        Assert.DoesNotContain("none", algorithms);
    }

    private string Proof(DPoPKey key) => key.Proof("POST", DPoPRequests.TokenUri, app.Clock.GetUtcNow());

    private async Task<AuthorizationResult> SignInAsync(string clientId)
    {
        var user = await app.CreateUserAsync("dpop-" + Guid.NewGuid().ToString("N")[..6]);
        return await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest { ClientId = clientId });
    }
}
