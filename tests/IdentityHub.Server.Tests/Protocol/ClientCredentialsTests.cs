using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>Server-to-server integrations get access tokens with their own credentials (P4).</summary>
public sealed class ClientCredentialsTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task An_integration_gets_an_RS256_access_token_for_its_API()
    {
        var tokens = (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        var access = tokens.ReadAccessToken();
        Assert.Equal("RS256", access.Alg);
        Assert.Equal(TestClients.Integration, access.Subject);
        Assert.Contains(TestClients.ApiScope, access.Audiences);
        Assert.Equal(TestClients.ApiScope, access.GetClaim("scope").Value);
        Assert.False(tokens.Json.TryGetProperty("refresh_token", out _));
        Assert.False(tokens.Json.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_invalid_client()
    {
        var tokens = await TokenClient.For(app, TestClients.Integration, "not-the-secret").ClientCredentialsAsync(TestClients.ApiScope);

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_after_the_right_one_was_accepted()
    {
        // The right secret is remembered after its first check; a wrong one must still be refused.
        (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        var tokens = await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret + "x").ClientCredentialsAsync(TestClients.ApiScope);

        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task A_portal_not_registered_for_the_grant_is_refused()
    {
        var tokens = await TokenClient.For(app, TestClients.Portal).ClientCredentialsAsync(TestClients.ApiScope);

        Assert.Equal("unauthorized_client", tokens.Error);
    }

    [Fact]
    public async Task A_public_client_cannot_use_client_credentials()
    {
        var tokens = await TokenClient.For(app, TestClients.PublicPortal).ClientCredentialsAsync(TestClients.ApiScope);

        // A public client has no secret to present: the request lacks client_secret.
        Assert.Equal("invalid_request", tokens.Error);
        Assert.False(tokens.Json.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_scope_the_client_may_not_use_is_refused()
    {
        var tokens = await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync("claims-admin");

        Assert.Equal("invalid_scope", tokens.Error);
    }

    [Fact]
    public async Task The_password_and_implicit_grants_are_not_offered()
    {
        var password = await TokenClient.For(app).PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "someone",
            ["password"] = "anything",
        });

        Assert.Equal("unsupported_grant_type", password.Error);
    }
}
