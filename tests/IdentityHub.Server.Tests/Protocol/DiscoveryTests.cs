using System.Net;
using System.Text.Json;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

public sealed class DiscoveryTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Discovery_describes_every_endpoint_and_only_the_allowed_flows()
    {
        var response = await app.CreateClient().GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        Assert.Equal("https://localhost/", document.GetProperty("issuer").GetString());
        foreach (var (field, path) in new[]
        {
            ("authorization_endpoint", "/connect/authorize"), ("token_endpoint", "/connect/token"),
            ("userinfo_endpoint", "/connect/userinfo"), ("introspection_endpoint", "/connect/introspect"),
            ("revocation_endpoint", "/connect/revoke"), ("end_session_endpoint", "/connect/endsession"),
            ("jwks_uri", "/.well-known/jwks"),
        })
        {
            Assert.Equal("https://localhost" + path, document.GetProperty(field).GetString());
        }

        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(document, "grant_types_supported").Order());
        Assert.Equal(["RS256"], Strings(document, "id_token_signing_alg_values_supported"));
        Assert.Superset(new HashSet<string> { "openid", "profile", "email", "phone", "offline_access" }, Strings(document, "scopes_supported").ToHashSet());
        Assert.Superset(new HashSet<string> { "sub", "name", "email", "auth_time", "amr", "acr" }, Strings(document, "claims_supported").ToHashSet());
        Assert.Equal(["urn:identityhub:acr:aal1", "urn:identityhub:acr:aal2", "urn:identityhub:acr:aal3"], Strings(document, "acr_values_supported"));

        // The claims request parameter (OIDC Core 5.5) and request objects are not supported, and not advertised as such.
        foreach (var unsupported in new[] { "claims_parameter_supported", "request_parameter_supported" })
        {
            Assert.False(document.TryGetProperty(unsupported, out var value) && value.ValueKind == JsonValueKind.True, unsupported);
        }
    }

    [Fact]
    public async Task JWKS_publishes_the_RSA_key_that_signs_the_tokens()
    {
        var jwks = await (await app.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync();

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _), "The private exponent must never be published.");

        var tokens = (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.Equal(key.GetProperty("kid").GetString(), tokens.ReadAccessToken().Kid);
    }

    private static IEnumerable<string> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!);
}
