using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Each node answers client lookups from memory for <c>IdentityHub:ClientCacheLifetime</c>: a change made
/// through this node counts at once, a change made elsewhere (another node) once the lifetime has passed.
/// Each test has its own server, as each changes the integration client.
/// </summary>
public sealed class ClientCacheTests
{
    private static readonly string GrantPermission = Permissions.Prefixes.GrantType + GrantTypes.ClientCredentials;

    [Fact]
    public async Task A_client_changed_through_this_node_counts_at_once()
    {
        await using var app = await StartAsync();
        (await RequestTokenAsync(app)).EnsureSuccess();

        using (var scope = app.Services.CreateScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var client = await applications.FindByClientIdAsync(TestClients.Integration) ?? throw new InvalidOperationException("No integration client.");
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, client);
            descriptor.Permissions.Remove(GrantPermission);
            await applications.UpdateAsync(client, descriptor);
        }

        Assert.Equal("unauthorized_client", (await RequestTokenAsync(app)).Error);
    }

    [Fact]
    public async Task A_client_changed_by_another_node_counts_once_the_cache_lifetime_has_passed()
    {
        await using var app = await StartAsync();
        (await RequestTokenAsync(app)).EnsureSuccess();

        await RemoveGrantInDatabaseAsync(app);

        // Still this node's copy for up to a minute (the default lifetime), then the row as it is now.
        (await RequestTokenAsync(app)).EnsureSuccess();
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("unauthorized_client", (await RequestTokenAsync(app)).Error);
    }

    [Fact]
    public async Task With_a_lifetime_of_zero_every_request_reads_the_client()
    {
        await using var app = await StartAsync(("IdentityHub:ClientCacheLifetime", "00:00:00"));
        (await RequestTokenAsync(app)).EnsureSuccess();

        await RemoveGrantInDatabaseAsync(app);

        Assert.Equal("unauthorized_client", (await RequestTokenAsync(app)).Error);
    }

    [Fact]
    public async Task Codes_and_refresh_tokens_issued_to_a_remembered_client_are_bound_to_it()
    {
        await using var app = await StartAsync();
        var user = await app.CreateUserAsync("cache-" + Guid.NewGuid().ToString("N")[..6]);
        var client = TokenClient.For(app);

        // The second round's code and refresh tokens are issued with the client read from memory.
        for (var round = 0; round < 2; round++)
        {
            var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
            var tokens = (await client.RedeemAsync(authorization)).EnsureSuccess();
            (await client.RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        }

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT a."ClientId" FROM "OpenIddictTokens" t LEFT JOIN "OpenIddictApplications" a ON a."Id" = t."ApplicationId" """, connection);
        var owners = new List<string?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                owners.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            }
        }

        // Two codes and four refresh tokens, each bound to the portal.
        Assert.Equal(6, owners.Count);
        Assert.All(owners, owner => Assert.Equal(TestClients.Portal, owner));
    }

    private static async Task<IdentityHubApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var app = new IdentityHubApp();
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        await app.InitializeAsync();
        _ = app.Server;
        return app;
    }

    private static Task<TokenResponse> RequestTokenAsync(IdentityHubApp app) =>
        TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope);

    // What an update on another node looks like to this one: the row changes, this node's memory does not.
    private static async Task RemoveGrantInDatabaseAsync(IdentityHubApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """UPDATE "OpenIddictApplications" SET "Permissions" = replace("Permissions", @grant, '"gt:none"') WHERE "ClientId" = @client""", connection);
        command.Parameters.AddWithValue("grant", "\"" + GrantPermission + "\"");
        command.Parameters.AddWithValue("client", TestClients.Integration);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
