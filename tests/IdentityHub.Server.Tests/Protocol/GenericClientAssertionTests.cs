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
/// Client assertions as certified libraries send them (decision 0037): openid-client signs without a <c>typ</c>,
/// Microsoft's JWT handler writes the generic <c>JWT</c>. They are accepted when their audience is exactly the
/// issuer, and refused with any other audience or any other declared type.
/// </summary>
public sealed class GenericClientAssertionTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Issuer = "https://localhost/";
    private static readonly AdminCaller Platform = new("platform-administrator", AdministrativeRole.PlatformAdministrator, null);

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("client-authentication+jwt")]
    public async Task An_assertion_for_the_issuer_is_accepted_untyped_generic_or_explicit(string? type)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = await RegisterAsync(key);

        (await ClientCredentialsAsync(clientId, Assertion(clientId, key, type, Issuer))).EnsureSuccess();
    }

    [Theory]
    [InlineData(null, "https://localhost/connect/token")]
    [InlineData("JWT", "https://localhost/connect/token")]
    [InlineData("JWT", "https://elsewhere.example/")]
    [InlineData("at+jwt", Issuer)]
    [InlineData("dpop+jwt", Issuer)]
    public async Task A_generic_assertion_for_another_audience_or_of_another_type_is_refused(string? type, string audience)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = await RegisterAsync(key);

        Assert.Equal("invalid_client", (await ClientCredentialsAsync(clientId, Assertion(clientId, key, type, audience))).Error);
    }

    private async Task<string> RegisterAsync(ECDsa key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key) { KeyId = "k1" });
        var jwks = JsonSerializer.SerializeToElement(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } });
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ClientRegistry>().CreateAsync(Platform, new ClientMetadata
        {
            ClientName = "Library integration",
            GrantTypes = ["client_credentials"],
            Scope = TestClients.ApiScope,
            TokenEndpointAuthMethod = "private_key_jwt",
            Jwks = jwks,
        });
        return Assert.IsType<AdminResult<ClientView>.Done>(created).Value.ClientId;
    }

    private string Assertion(string clientId, ECDsa key, string? type, string audience)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
            TokenType = type ?? "JWT",
        };
        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        return type is null ? WithoutType(token, key) : token;
    }

    /// <summary>The same assertion signed again with a header of alg and kid only, as openid-client writes it.</summary>
    private static string WithoutType(string token, ECDsa key)
    {
        var payload = token.Split('.')[1];
        var header = Base64UrlEncoder.Encode("""{"alg":"ES256","kid":"k1"}""");
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{Base64UrlEncoder.Encode(signature)}";
    }

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
