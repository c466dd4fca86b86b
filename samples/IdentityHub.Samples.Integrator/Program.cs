// An integrator's program: registers a client with IdentityHub through dynamic registration (RFC 7591), using an
// initial access token from the plan's platform administrators, with its own EC key for private_key_jwt, then gets
// an access token with client credentials, signing a fresh client assertion (RFC 7523) for the request.
//
//   dotnet run --project samples/IdentityHub.Samples.Integrator -- <issuer> <initial access token> [scope]
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: IdentityHub.Samples.Integrator <issuer, e.g. http://localhost:5000/> <initial access token> [scope, default portal-api]");
    return 2;
}

var issuer = args[0].EndsWith('/') ? args[0] : args[0] + "/";
var scope = args.Length > 2 ? args[2] : "portal-api";
using var http = new HttpClient();

var discovery = await http.GetFromJsonAsync<JsonElement>(issuer + ".well-known/openid-configuration");
var registrationEndpoint = discovery.GetProperty("registration_endpoint").GetString()!;
var tokenEndpoint = discovery.GetProperty("token_endpoint").GetString()!;

// The key stays with the integrator; only its public half is registered.
using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var signingKey = new ECDsaSecurityKey(key) { KeyId = Guid.NewGuid().ToString("N") };
var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(signingKey);

using var register = new HttpRequestMessage(HttpMethod.Post, registrationEndpoint)
{
    Content = JsonContent.Create(new
    {
        client_name = "Integrator sample",
        grant_types = new[] { "client_credentials" },
        scope,
        token_endpoint_auth_method = "private_key_jwt",
        jwks = new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } },
    }),
};
register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);
using var registered = await http.SendAsync(register);
var registration = await registered.Content.ReadFromJsonAsync<JsonElement>();
if (!registered.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"Registration refused ({(int)registered.StatusCode}): {registration}");
    return 1;
}

var clientId = registration.GetProperty("client_id").GetString()!;
Console.WriteLine($"Registered {clientId}; manage it at {registration.GetProperty("registration_client_uri").GetString()}");

// A new assertion for every request: IdentityHub accepts each one once.
var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = clientId,
    Audience = issuer,
    Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
    Expires = DateTime.UtcNow.AddMinutes(1),
    TokenType = "client-authentication+jwt",
    SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
});
using var tokenResponse = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "client_credentials",
    ["client_id"] = clientId,
    ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    ["client_assertion"] = assertion,
    ["scope"] = scope,
}));
var tokens = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
if (!tokenResponse.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"Token request refused ({(int)tokenResponse.StatusCode}): {tokens}");
    return 1;
}

var accessToken = new JsonWebToken(tokens.GetProperty("access_token").GetString());
Console.WriteLine($"Access token for {string.Join(' ', accessToken.Audiences)}, scope '{accessToken.GetClaim("scope").Value}', expires {accessToken.ValidTo:u}");
return 0;
