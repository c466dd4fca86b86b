using System.Net;
using IdentityHub.DPoP;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>With <c>IdentityHub:DPoP:RequireNonce</c>, proofs carry a nonce the server handed out (RFC 9449 §8).</summary>
public sealed class DPoPNonceTests
{
    [Fact]
    public async Task A_proof_without_the_servers_nonce_gets_one_and_the_retry_succeeds()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:DPoP:RequireNonce", "true");
        await app.InitializeAsync();
        var key = DPoPKey.EC();
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);

        var first = await client.ClientCredentialsAsync(Proof(app, key, nonce: null));
        var nonce = client.LastNonce;
        var retry = await client.ClientCredentialsAsync(Proof(app, key, nonce));

        Assert.Equal((HttpStatusCode.BadRequest, DPoPErrors.UseNonce), (first.Status, first.Error));
        Assert.False(string.IsNullOrEmpty(nonce));
        Assert.Equal("DPoP", retry.EnsureSuccess().Json.GetProperty("token_type").GetString());
        Assert.NotNull(client.LastNonce);
    }

    [Fact]
    public async Task A_nonce_expires_after_two_lifetimes_and_a_made_up_one_is_refused()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:DPoP:RequireNonce", "true").With("IdentityHub:DPoP:NonceLifetime", "00:01:00");
        await app.InitializeAsync();
        var key = DPoPKey.EC();
        var client = new DPoPRequests(app, TestClients.Integration, TestClients.IntegrationSecret);
        await client.ClientCredentialsAsync(Proof(app, key, nonce: null));
        var nonce = client.LastNonce!;

        var madeUp = await client.ClientCredentialsAsync(Proof(app, key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        app.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var stale = await client.ClientCredentialsAsync(Proof(app, key, nonce));

        Assert.Equal(DPoPErrors.UseNonce, madeUp.Error);
        Assert.Equal(DPoPErrors.UseNonce, stale.Error);
        Assert.NotEqual(nonce, client.LastNonce);
    }

    private static string Proof(IdentityHubApp app, DPoPKey key, string? nonce) =>
        key.Proof("POST", DPoPRequests.TokenUri, app.Clock.GetUtcNow(), nonce: nonce);
}
