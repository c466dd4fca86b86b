using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Clients that authenticate with a signed JWT (<c>private_key_jwt</c>, RFC 7523) instead of a secret: keys
/// registered inline, an assertion signed with another key refused, and an assertion used twice refused.
/// </summary>
public sealed class PrivateKeyJwtTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private static readonly AdminCaller Platform = new("platform-administrator", AdministrativeRole.PlatformAdministrator, null);

    [Fact]
    public async Task A_client_with_registered_keys_authenticates_with_a_signed_assertion_once()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = await RegisterAsync(key);

        var assertion = Assertion(clientId, key);
        (await ClientCredentialsAsync(clientId, assertion)).EnsureSuccess();

        var replayed = await ClientCredentialsAsync(clientId, assertion);
        Assert.Equal("invalid_client", replayed.Error);

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(clientId, Assertion(clientId, stranger))).Error);
    }

    [Fact]
    public async Task A_client_publishing_its_keys_at_a_jwks_uri_authenticates_with_them()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var published = await KeySetServer.StartAsync(JwksOf(key).GetRawText());
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ClientRegistry>().CreateAsync(Platform, new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            Scope = TestClients.ApiScope,
            TokenEndpointAuthMethod = "private_key_jwt",
            JwksUri = published.Uri,
        });
        var clientId = Assert.IsType<AdminResult<ClientView>.Done>(created).Value.ClientId;

        (await ClientCredentialsAsync(clientId, Assertion(clientId, key))).EnsureSuccess();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(clientId, Assertion(clientId, stranger))).Error);
    }

    [Fact]
    public async Task Discovery_advertises_private_key_jwt_with_the_algorithms_it_checks()
    {
        var document = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Contains("private_key_jwt", document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    private static JsonElement JwksOf(ECDsa key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key) { KeyId = "k1" });
        return JsonSerializer.SerializeToElement(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } });
    }

    private async Task<string> RegisterAsync(ECDsa key)
    {
        var jwks = JwksOf(key);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ClientRegistry>().CreateAsync(Platform, new ClientMetadata
        {
            ClientName = "Keyed integration",
            GrantTypes = ["client_credentials"],
            Scope = TestClients.ApiScope,
            TokenEndpointAuthMethod = "private_key_jwt",
            Jwks = jwks,
        });
        var done = Assert.IsType<AdminResult<ClientView>.Done>(created);
        Assert.Null(done.Value.ClientSecret);
        var echoed = done.Value.Metadata.Jwks!.Value.GetProperty("keys")[0];
        Assert.Equal(("EC", false), (echoed.GetProperty("kty").GetString(), echoed.TryGetProperty("n", out _)));
        return done.Value.ClientId;
    }

    private string Assertion(string clientId, ECDsa key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = clientId,
        Audience = "https://localhost/",
        Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
        IssuedAt = app.Clock.GetUtcNow().UtcDateTime,
        NotBefore = app.Clock.GetUtcNow().UtcDateTime,
        Expires = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2),
        SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
        TokenType = "client-authentication+jwt",
    });

    private Task<TokenResponse> ClientCredentialsAsync(string clientId, string assertion) =>
        new TokenClient(app.CreateClient(), clientId).PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = TestClients.ApiScope,
        });
}
