using System.Net;
using System.Text.Json;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Smart;

/// <summary>/.well-known/smart-configuration (SMART App Launch 2 §2.0.4): what discovery says, and only what works.</summary>
public sealed class SmartConfigurationTests(SmartApp fixture) : IClassFixture<SmartApp>
{
    [Fact]
    public async Task The_document_names_the_endpoints_and_what_is_supported()
    {
        var http = fixture.App.CreateClient();
        var response = await http.GetAsync("/.well-known/smart-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.CacheControl?.ToString());
        var smart = await response.JsonAsync();
        var discovery = await (await http.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        foreach (var field in new[] { "issuer", "jwks_uri", "authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint", "introspection_endpoint" })
        {
            Assert.Equal(discovery.GetProperty(field).GetString(), smart.GetProperty(field).GetString());
        }

        foreach (var field in new[] { "grant_types_supported", "token_endpoint_auth_methods_supported", "code_challenge_methods_supported" })
        {
            Assert.Equal(Strings(discovery, field).Order(), Strings(smart, field).Order());
        }

        Assert.Equal("https://localhost/account/apps", smart.GetProperty("management_endpoint").GetString());
        Assert.Equal(["code"], Strings(smart, "response_types_supported"));
        Assert.Contains("ES384", Strings(smart, "token_endpoint_auth_signing_alg_values_supported"));
        Assert.Contains("RS384", Strings(smart, "token_endpoint_auth_signing_alg_values_supported"));
        Assert.Superset(new HashSet<string> { "launch/patient", "fhirUser", "openid", "offline_access", "patient/Observation.rs", "patient/*.rs", "system/*.rs" }, Strings(smart, "scopes_supported").ToHashSet());
        var capabilities = Strings(smart, "capabilities").ToList();
        Assert.Superset(new HashSet<string> { "launch-standalone", "client-public", "client-confidential-asymmetric", "context-standalone-patient", "permission-v2", "permission-offline", "sso-openid-connect" }, capabilities.ToHashSet());
        Assert.DoesNotContain("launch-ehr", capabilities);
        Assert.DoesNotContain("permission-v1", capabilities);
    }

    private static IEnumerable<string> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!);
}

/// <summary>Without IdentityHub:Smart:FhirBaseUrl there is no SMART: no document, no SMART scopes.</summary>
public sealed class SmartOffTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Without_a_FHIR_API_the_document_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/.well-known/smart-configuration")).StatusCode);
    }

    [Fact]
    public async Task Without_a_FHIR_API_a_SMART_scope_cannot_be_registered()
    {
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(app.Services);
        var registry = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IdentityHub.Administration.Clients.ClientRegistry>(scope.ServiceProvider);

        var refused = await registry.CreateAsync(Protocol.RegisteredClients.Platform, new IdentityHub.Administration.Clients.ClientMetadata
        {
            ClientName = "Too early",
            RedirectUris = [TestClients.RedirectUri],
            Scope = "openid patient/Patient.rs",
        });

        var invalid = Assert.IsType<IdentityHub.Administration.AdminResult<IdentityHub.Administration.Clients.ClientView>.Invalid>(refused);
        Assert.Contains("does not offer SMART", Assert.Single(invalid.Problems["scope"]));
    }
}
