using System.Net;
using System.Net.Http.Json;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>
/// Registering clients through the admin API (P6, P7): the token server accepts a client the moment it is stored,
/// secrets are shown once and rotate with an overlap, every registration rule names the field it is about, and
/// only platform administrators change clients.
/// </summary>
public sealed class ClientsApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task A_client_registered_through_the_api_gets_tokens_at_once_with_the_secret_shown_once()
    {
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var created = await platform.PostAsJsonAsync("/api/v1/clients", new
        {
            client_name = "Claims batch",
            grant_types = new[] { "client_credentials" },
            scope = TestClients.ApiScope,
            access_token_lifetime = 300,
        });
        var value = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        var clientId = value.GetProperty("client_id").GetString()!;
        var secret = value.GetProperty("client_secret").GetString()!;
        Assert.Equal($"/api/v1/clients/{clientId}", created.Headers.Location?.ToString());
        Assert.Equal("client_secret_basic", value.GetProperty("metadata").GetProperty("token_endpoint_auth_method").GetString());

        var token = (await TokenClient.For(hosts.TokenServer, clientId, secret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        // The registered five minutes, less the seconds the request took to issue.
        Assert.InRange(token.Json.GetProperty("expires_in").GetInt32(), 290, 300);
        Assert.Equal("invalid_client", (await TokenClient.For(hosts.TokenServer, clientId, secret + "x").ClientCredentialsAsync(TestClients.ApiScope)).Error);

        var read = await platform.GetAsync($"/api/v1/clients/{clientId}");
        var stored = await read.JsonAsync(HttpStatusCode.OK);
        Assert.False(stored.TryGetProperty("client_secret", out _));
        Assert.Equal("administrator", stored.GetProperty("registered_by").GetString());
        Assert.Contains((await (await platform.GetAsync("/api/v1/clients")).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), c => c.GetProperty("client_id").GetString() == clientId);
    }

    [Fact]
    public async Task A_client_registered_with_ES256_ID_tokens_gets_them_at_once_and_reads_its_choice_back()
    {
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var redirect = "https://es256.example.org/cb";
        var value = (await (await platform.PostAsJsonAsync("/api/v1/clients", new
        {
            client_name = "ES256 portal",
            redirect_uris = new[] { redirect },
            grant_types = new[] { "authorization_code", "refresh_token" },
            scope = "openid profile email phone offline_access " + TestClients.ApiScope,
            id_token_signed_response_alg = "ES256",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        var (clientId, secret) = (value.GetProperty("client_id").GetString()!, value.GetProperty("client_secret").GetString()!);
        Assert.Equal("ES256", value.GetProperty("metadata").GetProperty("id_token_signed_response_alg").GetString());
        var stored = await (await platform.GetAsync($"/api/v1/clients/{clientId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ES256", stored.GetProperty("metadata").GetProperty("id_token_signed_response_alg").GetString());

        var user = await hosts.TokenServer.CreateUserAsync(Server.Tests.Infrastructure.MfaSteps.NewName("es256-portal"));
        var request = new AuthorizationRequest { ClientId = clientId, RedirectUri = redirect };
        var tokens = (await TokenClient.For(hosts.TokenServer, clientId, secret).RedeemAsync(await hosts.TokenServer.NewBrowser().CodeFlowAsync(user.UserName!, request))).EnsureSuccess();
        Assert.Equal("ES256", tokens.ReadIdToken().Alg);
        Assert.Equal("RS256", tokens.ReadAccessToken().Alg);

        var refused = await (await platform.PostAsJsonAsync("/api/v1/clients", new { redirect_uris = new[] { redirect }, id_token_signed_response_alg = "HS256" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("RS256, PS256, ES256", Assert.Single(refused.ErrorsFor("id_token_signed_response_alg")));
    }

    [Fact]
    public async Task A_rotated_secret_works_beside_the_previous_one_until_the_overlap_ends()
    {
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var value = (await (await platform.PostAsJsonAsync("/api/v1/clients", new { grant_types = new[] { "client_credentials" }, scope = TestClients.ApiScope }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        var (clientId, first) = (value.GetProperty("client_id").GetString()!, value.GetProperty("client_secret").GetString()!);

        var rotated = (await (await platform.PostAsJsonAsync($"/api/v1/clients/{clientId}/secret", new { overlap_seconds = 3600 })).JsonAsync(HttpStatusCode.OK)).GetProperty("value");
        var second = rotated.GetProperty("client_secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.True(rotated.TryGetProperty("previous_secret_expires_at", out _));

        (await TokenClient.For(hosts.TokenServer, clientId, second).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        (await TokenClient.For(hosts.TokenServer, clientId, first).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        hosts.TokenServer.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("invalid_client", (await TokenClient.For(hosts.TokenServer, clientId, first).ClientCredentialsAsync(TestClients.ApiScope)).Error);
        (await TokenClient.For(hosts.TokenServer, clientId, second).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
    }

    [Fact]
    public async Task Every_registration_rule_names_the_field_it_is_about()
    {
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);

        async Task<IReadOnlyList<string>> ProblemsFor(object body, string field) =>
            (await (await platform.PostAsJsonAsync("/api/v1/clients", body)).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field);

        Assert.NotEmpty(await ProblemsFor(new { redirect_uris = new[] { "http://portal.example.org/cb" } }, "redirect_uris"));
        Assert.NotEmpty(await ProblemsFor(new { redirect_uris = new[] { "https://*.example.org/cb" } }, "redirect_uris"));
        Assert.NotEmpty(await ProblemsFor(new { redirect_uris = new[] { "https://portal.example.org/cb#x" } }, "redirect_uris"));
        Assert.NotEmpty(await ProblemsFor(new { redirect_uris = new[] { "com.example.app:/cb" } }, "redirect_uris"));
        Assert.NotEmpty(await ProblemsFor(new { redirect_uris = Array.Empty<string>() }, "redirect_uris"));
        Assert.NotEmpty(await ProblemsFor(new { grant_types = new[] { "implicit" }, redirect_uris = new[] { "https://a.example.org/cb" } }, "grant_types"));
        Assert.NotEmpty(await ProblemsFor(new { scope = "openid everything", redirect_uris = new[] { "https://a.example.org/cb" } }, "scope"));
        Assert.NotEmpty(await ProblemsFor(new { token_endpoint_auth_method = "private_key_jwt", redirect_uris = new[] { "https://a.example.org/cb" } }, "jwks"));
        Assert.NotEmpty(await ProblemsFor(new { token_endpoint_auth_method = "none", grant_types = new[] { "client_credentials" } }, "token_endpoint_auth_method"));
        Assert.NotEmpty(await ProblemsFor(new { allowed_cors_origins = new[] { "https://app.example.org/path" }, redirect_uris = new[] { "https://a.example.org/cb" } }, "allowed_cors_origins"));

        // A native app may use its private-use scheme and the loopback address (RFC 8252).
        var native = await (await platform.PostAsJsonAsync("/api/v1/clients", new
        {
            application_type = "native",
            token_endpoint_auth_method = "none",
            redirect_uris = new[] { "com.example.app:/oauth2redirect", "http://127.0.0.1/callback" },
        })).JsonAsync(HttpStatusCode.Created);
        Assert.False(native.GetProperty("value").TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task Only_platform_administrators_change_clients_and_changes_need_the_version_read()
    {
        var organization = await hosts.OrganizationAsync("Spruce Billing");
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var (administrator, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var body = new { client_name = "Spruce portal", redirect_uris = new[] { "https://spruce.example.org/cb" }, token_endpoint_auth_method = "none" };
        await (await administrator.PostAsJsonAsync("/api/v1/clients", body)).ProblemAsync(HttpStatusCode.Forbidden);

        var created = await platform.PostAsJsonAsync("/api/v1/clients", body);
        var clientId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("value").GetProperty("client_id").GetString()!;
        var changed = body with { client_name = "Spruce member portal" };
        await (await platform.SendAsync(HttpMethod.Put, $"/api/v1/clients/{clientId}", changed, null)).ProblemAsync(HttpStatusCode.PreconditionRequired);
        var updated = await platform.SendAsync(HttpMethod.Put, $"/api/v1/clients/{clientId}", changed, created.ETag());
        Assert.Equal("Spruce member portal", (await updated.JsonAsync(HttpStatusCode.OK)).GetProperty("value").GetProperty("metadata").GetProperty("client_name").GetString());
        await (await platform.SendAsync(HttpMethod.Put, $"/api/v1/clients/{clientId}", body, created.ETag())).ProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await administrator.GetAsync($"/api/v1/clients/{clientId}")).ProblemAsync(HttpStatusCode.NotFound);

        await (await platform.SendAsync(HttpMethod.Delete, $"/api/v1/clients/{clientId}", null, updated.ETag())).JsonAsync(HttpStatusCode.OK);
        await (await platform.GetAsync($"/api/v1/clients/{clientId}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Platform_administrators_issue_list_and_revoke_initial_access_tokens()
    {
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var issued = (await (await platform.PostAsJsonAsync("/api/v1/initial-access-tokens", new
        {
            description = "Acme sandbox",
            maxUses = 2,
            policy = new { redirect_hosts = new[] { "acme.example.org" }, grant_types = new[] { "authorization_code", "refresh_token" } },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        Assert.StartsWith("iat_", issued.GetProperty("token").GetString());
        var id = issued.GetProperty("id").GetString()!;

        var listed = await (await platform.GetAsync("/api/v1/initial-access-tokens")).JsonAsync(HttpStatusCode.OK);
        var row = Assert.Single(listed.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKindNull, row.GetProperty("token").ValueKind);

        var invalid = await (await platform.PostAsJsonAsync("/api/v1/initial-access-tokens", new { description = "", policy = new { redirect_hosts = new[] { "*.acme.example.org" } } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(invalid.ErrorsFor("description"));
        Assert.NotEmpty(invalid.ErrorsFor("policy.redirect_hosts"));

        var revoked = (await (await platform.PostAsync($"/api/v1/initial-access-tokens/{id}/revoke", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("value");
        Assert.Equal(System.Text.Json.JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
