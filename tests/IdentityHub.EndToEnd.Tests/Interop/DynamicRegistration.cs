using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// A client that registers itself with IdentityHub through dynamic registration (RFC 7591) with its own EC key
/// for <c>private_key_jwt</c>, and signs a fresh client assertion (RFC 7523) for each token request.
/// </summary>
public sealed class DynamicRegistration : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsaSecurityKey _signingKey;

    private DynamicRegistration(Uri issuer)
    {
        Issuer = issuer;
        _signingKey = new ECDsaSecurityKey(_key) { KeyId = "interop-dotnet" };
    }

    public Uri Issuer { get; }

    public string ClientId { get; private set; } = "";

    /// <summary>Registers a code-flow client with refresh tokens, its public key inline, without consent.</summary>
    public static async Task<DynamicRegistration> RegisterAsync(Uri issuer, string initialAccessToken, Uri redirectUri, Uri postLogoutRedirectUri)
    {
        var client = new DynamicRegistration(issuer);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(client._signingKey);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "connect/register"))
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["client_name"] = "Duende OidcClient interop",
                ["redirect_uris"] = new[] { redirectUri.ToString() },
                ["post_logout_redirect_uris"] = new[] { postLogoutRedirectUri.ToString() },
                ["grant_types"] = new[] { "authorization_code", "refresh_token" },
                ["scope"] = "openid profile email offline_access",
                ["token_endpoint_auth_method"] = "private_key_jwt",
                ["jwks"] = new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } },
                ["consent_required"] = false,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", initialAccessToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Registration refused ({(int)response.StatusCode}): {body}");
        client.ClientId = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("client_id").GetString()!;
        return client;
    }

    /// <summary>
    /// A new client assertion, as a .NET integrator writes one with Microsoft's JWT handler: <c>iss</c> and <c>sub</c>
    /// the client, <c>aud</c> the issuer, a unique <c>jti</c>, and the handler's default <c>typ</c> (JWT).
    /// </summary>
    public string NewAssertion() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = ClientId,
        Audience = Issuer.ToString(),
        Subject = new ClaimsIdentity([new Claim("sub", ClientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
        Expires = DateTime.UtcNow.AddMinutes(1),
        SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.EcdsaSha256),
    });

    public void Dispose() => _key.Dispose();
}
