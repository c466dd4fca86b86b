using System.Security.Cryptography;
using IdentityHub.Administration.Clients;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Clients that authenticate with a signed JWT (<c>private_key_jwt</c>, RFC 7523) instead of a secret: keys
/// registered inline, an assertion signed with another key refused, and an assertion used twice refused.
/// </summary>
public sealed class PrivateKeyJwtTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_client_with_registered_keys_authenticates_with_a_signed_assertion_once()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = await app.RegisterKeyedClientAsync(key);
        Assert.Null(client.ClientSecret);
        var echoed = client.Metadata.Jwks!.Value.GetProperty("keys")[0];
        Assert.Equal(("EC", false), (echoed.GetProperty("kty").GetString(), echoed.TryGetProperty("n", out _)));

        var assertion = app.Assertion(client.ClientId, key);
        (await app.ClientCredentialsAsync(client.ClientId, assertion)).EnsureSuccess();

        var replayed = await app.ClientCredentialsAsync(client.ClientId, assertion);
        Assert.Equal("invalid_client", replayed.Error);

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("invalid_client", (await app.ClientCredentialsAsync(client.ClientId, app.Assertion(client.ClientId, stranger))).Error);
    }

    [Fact]
    public async Task A_client_publishing_its_keys_at_a_jwks_uri_authenticates_with_them()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var published = await KeySetServer.StartAsync(RegisteredClients.JwksOf(key).GetRawText());
        var clientId = (await app.RegisterClientAsync(new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            Scope = TestClients.ApiScope,
            TokenEndpointAuthMethod = "private_key_jwt",
            JwksUri = published.Uri,
        })).ClientId;

        (await app.ClientCredentialsAsync(clientId, app.Assertion(clientId, key))).EnsureSuccess();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("invalid_client", (await app.ClientCredentialsAsync(clientId, app.Assertion(clientId, stranger))).Error);
    }

    [Fact]
    public async Task Discovery_advertises_private_key_jwt_with_the_algorithms_it_checks()
    {
        var document = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Contains("private_key_jwt", document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
