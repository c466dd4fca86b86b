using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Dynamic client registration (RFC 7591) with initial access tokens, and client configuration management (RFC 7592)
/// with the registration access token: an integrator registers, reads, changes and deletes its own client, within
/// the policy of its initial access token, and the client works at once.
/// </summary>
public sealed class DynamicRegistrationTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task An_integrator_registers_a_client_with_an_initial_access_token_and_uses_it_at_once()
    {
        var initial = await InitialTokenAsync(new RegistrationPolicy { GrantTypes = ["client_credentials"], Scopes = [TestClients.ApiScope] });

        var response = await RegisterAsync(initial, new { client_name = "Acme eligibility sync", grant_types = new[] { "client_credentials" }, scope = TestClients.ApiScope });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = await response.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = registered.GetProperty("client_id").GetString()!;
        Assert.Equal("Acme eligibility sync", registered.GetProperty("client_name").GetString());
        Assert.Equal(0, registered.GetProperty("client_secret_expires_at").GetInt32());
        Assert.Equal($"https://localhost/connect/register/{clientId}", registered.GetProperty("registration_client_uri").GetString());
        Assert.StartsWith("rat_", registered.GetProperty("registration_access_token").GetString());
        (await TokenClient.For(app, clientId, registered.GetProperty("client_secret").GetString()).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
    }

    [Fact]
    public async Task Registration_needs_a_valid_initial_access_token_and_a_single_use_one_works_once()
    {
        var body = new { redirect_uris = new[] { "https://acme.example.org/cb" } };
        var missing = await RegisterAsync(null, body);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("invalid_token", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("invalid_token", await ErrorAsync(missing));

        var once = await InitialTokenAsync(new RegistrationPolicy(), maxUses: 1);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(once, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RegisterAsync(once, body)).StatusCode);
    }

    [Fact]
    public async Task A_registration_outside_the_rules_or_the_tokens_policy_is_refused_naming_the_field()
    {
        var initial = await InitialTokenAsync(new RegistrationPolicy { RedirectHosts = ["acme.example.org"] });

        var otherHost = await RegisterAsync(initial, new { redirect_uris = new[] { "https://evil.example.net/cb" } });
        Assert.Equal(HttpStatusCode.BadRequest, otherHost.StatusCode);
        var problem = await otherHost.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_redirect_uri", problem.GetProperty("error").GetString());
        Assert.Contains("redirect_uris", problem.GetProperty("error_description").GetString());

        Assert.Equal("invalid_redirect_uri", await ErrorAsync(await RegisterAsync(initial, new { redirect_uris = new[] { "http://acme.example.org/cb" } })));
        Assert.Equal("invalid_client_metadata", await ErrorAsync(await RegisterAsync(initial, new { redirect_uris = new[] { "https://acme.example.org/cb" }, grant_types = new[] { "client_credentials" } })));
        Assert.Equal("invalid_client_metadata", await ErrorAsync(await RegisterAsync(initial, new { redirect_uris = new[] { "https://acme.example.org/cb" }, scope = "openid " + TestClients.ApiScope })));

        var notJson = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/register")
        {
            Content = new StringContent("{ \"redirect_uris\": 42", System.Text.Encoding.UTF8, "application/json"),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", initial) },
        });
        Assert.Equal("invalid_client_metadata", await ErrorAsync(notJson));
    }

    [Fact]
    public async Task The_registration_access_token_reads_changes_and_deletes_only_its_own_client()
    {
        var initial = await InitialTokenAsync(new RegistrationPolicy { GrantTypes = ["client_credentials"], Scopes = [TestClients.ApiScope] });
        var first = await (await RegisterAsync(initial, new { client_name = "First", grant_types = new[] { "client_credentials" }, scope = TestClients.ApiScope })).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await RegisterAsync(initial, new { client_name = "Second", grant_types = new[] { "client_credentials" }, scope = TestClients.ApiScope })).Content.ReadFromJsonAsync<JsonElement>();
        var (clientId, secret, token, uri) = (first.GetProperty("client_id").GetString()!, first.GetProperty("client_secret").GetString()!,
            first.GetProperty("registration_access_token").GetString()!, first.GetProperty("registration_client_uri").GetString()!);

        var read = await SendAsync(HttpMethod.Get, uri, token, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("First", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, uri, second.GetProperty("registration_access_token").GetString(), null)).StatusCode);

        var changed = await SendAsync(HttpMethod.Put, uri, token, new { client_id = clientId, client_name = "First, renamed", grant_types = new[] { "client_credentials" }, scope = TestClients.ApiScope });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("First, renamed", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_name").GetString());
        Assert.Equal("invalid_client_metadata", await ErrorAsync(await SendAsync(HttpMethod.Put, uri, token, new { client_id = clientId, grant_types = new[] { "authorization_code" }, redirect_uris = new[] { "https://a.example.org/cb" } })));
        (await TokenClient.For(app, clientId, secret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, uri, token, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, uri, token, null)).StatusCode);
        Assert.Equal("invalid_client", (await TokenClient.For(app, clientId, secret).ClientCredentialsAsync(TestClients.ApiScope)).Error);
    }

    [Fact]
    public async Task No_initial_access_token_allows_the_admin_API_scope()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var refused = await scope.ServiceProvider.GetRequiredService<InitialAccessTokens>().IssueAsync(
            RegisteredClients.Platform, new InitialAccessTokenInput("Too much", 30, null, new RegistrationPolicy { Scopes = [AdministrationScope.Name] }));
        Assert.Contains("admin API", Assert.Single(Assert.IsType<AdminResult<InitialAccessTokenView>.Invalid>(refused).Problems["policy.scopes"]));

        // A policy stored before the rule existed still does not let a registration have it.
        var problems = new FieldProblems();
        var asking = ClientMetadataRules.Check(
            new ClientMetadata { GrantTypes = ["client_credentials"], Scope = AdministrationScope.Name },
            new HashSet<string> { AdministrationScope.Name }, problems, "self-registered")!;
        new RegistrationPolicy { GrantTypes = ["client_credentials"], Scopes = [AdministrationScope.Name] }.Enforce(asking, problems);
        Assert.Contains(AdministrationScope.Name, Assert.Single(problems.ToDictionary()["scope"]));
    }

    [Fact]
    public async Task Discovery_advertises_the_registration_endpoint()
    {
        var document = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("https://localhost/connect/register", document.GetProperty("registration_endpoint").GetString());
    }

    [Fact]
    public async Task An_integrator_cannot_turn_on_member_sign_up()
    {
        var initial = await InitialTokenAsync(new RegistrationPolicy { RedirectHosts = ["acme.example.org"] });

        var response = await RegisterAsync(initial, new { redirect_uris = new[] { "https://acme.example.org/cb" }, allow_self_registration = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = await response.Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = app.Services.CreateAsyncScope();
        var policy = await scope.ServiceProvider.GetRequiredService<Server.Mfa.ClientPolicies>().ForAsync(registered.GetProperty("client_id").GetString());
        Assert.Equal(registered.GetProperty("client_id").GetString(), policy.ClientId);
        Assert.False(policy.Settings.AllowSelfRegistration);
    }

    [Fact]
    public async Task A_client_may_choose_ES256_or_PS256_ID_tokens_and_nothing_else()
    {
        var initial = await InitialTokenAsync(new RegistrationPolicy { RedirectHosts = ["acme.example.org"] });
        var redirects = new[] { "https://acme.example.org/cb" };

        var chosen = await RegisterAsync(initial, new { redirect_uris = redirects, id_token_signed_response_alg = "ES256" });
        Assert.Equal(HttpStatusCode.Created, chosen.StatusCode);
        var registered = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ES256", registered.GetProperty("id_token_signed_response_alg").GetString());
        var read = await SendAsync(HttpMethod.Get, registered.GetProperty("registration_client_uri").GetString()!, registered.GetProperty("registration_access_token").GetString(), null);
        Assert.Equal("ES256", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id_token_signed_response_alg").GetString());

        var plain = await (await RegisterAsync(initial, new { redirect_uris = redirects })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RS256", plain.GetProperty("id_token_signed_response_alg").GetString());
        var pss = await (await RegisterAsync(initial, new { redirect_uris = redirects, id_token_signed_response_alg = "PS256" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PS256", pss.GetProperty("id_token_signed_response_alg").GetString());

        foreach (var refused in new[] { "HS256", "none", "ES512", "es256" })
        {
            var response = await RegisterAsync(initial, new { redirect_uris = redirects, id_token_signed_response_alg = refused });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_client_metadata", problem.GetProperty("error").GetString());
            Assert.Contains("id_token_signed_response_alg", problem.GetProperty("error_description").GetString());
        }
    }

    private async Task<string> InitialTokenAsync(RegistrationPolicy policy, int? maxUses = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<InitialAccessTokens>().IssueAsync(RegisteredClients.Platform, new InitialAccessTokenInput("Test integrator", 30, maxUses, policy));
        return Assert.IsType<AdminResult<InitialAccessTokenView>.Done>(issued).Value.Token!;
    }

    private Task<HttpResponseMessage> RegisterAsync(string? initialToken, object body) =>
        SendAsync(HttpMethod.Post, "/connect/register", initialToken, body);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return app.CreateClient().SendAsync(request);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}
