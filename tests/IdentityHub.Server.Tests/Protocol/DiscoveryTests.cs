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
        Assert.Equal(["ES256", "PS256", "RS256"], Strings(document, "id_token_signing_alg_values_supported").Order());
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
    public async Task JWKS_publishes_one_key_per_signing_algorithm_and_the_RS256_one_signs_by_default()
    {
        var jwks = await (await app.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync();

        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(
            [("EC", "ES256", "P-256"), ("RSA", "PS256", null), ("RSA", "RS256", null)],
            keys.Select(key => (key.GetProperty("kty").GetString(), key.GetProperty("alg").GetString(), key.TryGetProperty("crv", out var crv) ? crv.GetString() : null))
                .OrderBy(key => key.Item2, StringComparer.Ordinal));
        Assert.Equal(3, keys.Select(key => key.GetProperty("kid").GetString()).Distinct().Count());
        Assert.All(keys, key => Assert.Equal("sig", key.GetProperty("use").GetString()));
        Assert.All(keys, key => Assert.False(key.TryGetProperty("d", out _), "The private part must never be published."));

        var tokens = (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        var rs256 = keys.Single(key => key.GetProperty("alg").GetString() == "RS256");
        Assert.Equal(rs256.GetProperty("kid").GetString(), tokens.ReadAccessToken().Kid);
    }

    private static IEnumerable<string> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!);
}
