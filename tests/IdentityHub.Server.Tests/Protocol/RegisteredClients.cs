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

/// <summary>Clients registered as a platform administrator would, and the signed assertions keyed clients send.</summary>
internal static class RegisteredClients
{
    public const string Issuer = "https://localhost/";

    public static readonly AdminCaller Platform = new("platform-administrator", AdministrativeRole.PlatformAdministrator, null);

    /// <summary>Registers a client through <see cref="ClientRegistry"/> (as the admin API does) and returns it.</summary>
    public static async Task<ClientView> RegisterClientAsync(this IdentityHubApp app, ClientMetadata metadata)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ClientRegistry>().CreateAsync(Platform, metadata);
        return Assert.IsType<AdminResult<ClientView>.Done>(created).Value;
    }

    /// <summary>A client-credentials client that authenticates with <paramref name="key"/> (<c>private_key_jwt</c>, keys inline).</summary>
    public static async Task<ClientView> RegisterKeyedClientAsync(this IdentityHubApp app, ECDsa key) =>
        await app.RegisterClientAsync(new ClientMetadata
        {
            ClientName = "Keyed integration",
            GrantTypes = ["client_credentials"],
            Scope = TestClients.ApiScope,
            TokenEndpointAuthMethod = "private_key_jwt",
            Jwks = JwksOf(key),
        });

    /// <summary>The public half of <paramref name="key"/> as a JWK set with key id <c>k1</c>.</summary>
    public static JsonElement JwksOf(ECDsa key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key) { KeyId = "k1" });
        return JsonSerializer.SerializeToElement(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = jwk.Crv switch { "P-384" => "ES384", "P-521" => "ES512", _ => "ES256" } } } });
    }

    /// <summary>A client assertion (RFC 7523) signed with <paramref name="key"/>, valid for two minutes from the app's clock.</summary>
    public static string Assertion(this IdentityHubApp app, string clientId, ECDsa key, string type = "client-authentication+jwt", string audience = Issuer, string algorithm = SecurityAlgorithms.EcdsaSha256)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "k1" }, algorithm),
            TokenType = type,
        });
    }

    /// <summary>A client-credentials request for the test API scope, authenticated by <paramref name="assertion"/>.</summary>
    public static Task<TokenResponse> ClientCredentialsAsync(this IdentityHubApp app, string clientId, string assertion) =>
        new TokenClient(app.CreateClient(), clientId).PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = TestClients.ApiScope,
        });
}
