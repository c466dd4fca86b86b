using System.Net;
using IdentityHub.Delivery;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>
/// /health/live and /health/ready as a load balancer reads them (O3): ready is 503 while the database is unreachable or
/// a migration is pending, 200 otherwise, and still 200 ("Degraded") when only a code provider's circuit is open.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_and_ready_answer_200_with_each_check_and_no_cookie_header_or_limit()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var live = await HealthProbe.GetAsync(client, "/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Overall);
        var ready = await HealthProbe.WaitForAsync(client, "/health/ready", probe => probe.Status == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Overall);
        Assert.Equal("Healthy", ready.StatusOf("database"));
        Assert.Equal("The database answers and every migration is applied.", ready.DescriptionOf("database"));
        Assert.Equal("Healthy", ready.StatusOf("signing_keys"));
        Assert.Equal("Healthy", ready.StatusOf("delivery"));
        Assert.StartsWith("application/json", ready.Response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.False(ready.Response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store, no-cache", ready.Response.Headers.CacheControl!.ToString());

        // Probes every second for a while: never a 429, and never a cookie asked for.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
    }

    [Fact]
    public async Task Ready_is_503_while_a_migration_is_pending_and_200_once_it_is_applied()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        using var client = app.CreateClient();
        await HealthProbe.WaitForAsync(client, "/health/ready", probe => probe.Status == HttpStatusCode.OK);

        // As if this node were a newer version than the database: its last migration is not in the history.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        string id, version;
        await using (var last = new NpgsqlCommand("""SELECT "MigrationId", "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""", connection))
        await using (var row = await last.ExecuteReaderAsync())
        {
            Assert.True(await row.ReadAsync());
            (id, version) = (row.GetString(0), row.GetString(1));
        }

        await Execute(connection, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = @id""", id);
        var pending = await HealthProbe.GetAsync(client, "/health/ready");
        await Execute(connection, """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES (@id, @version)""", id, version);
        var applied = await HealthProbe.GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.Status);
        Assert.Equal("Unhealthy", pending.Overall);
        Assert.Equal("Unhealthy", pending.StatusOf("database"));
        Assert.Equal("1 migration(s) not applied: run the migrate command.", pending.DescriptionOf("database"));
        Assert.Equal("Healthy", pending.StatusOf("signing_keys"));
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal(HttpStatusCode.OK, (await HealthProbe.GetAsync(client, "/health/live")).Status);
    }

    [Fact]
    public async Task Ready_is_503_while_the_database_cannot_be_reached_says_so_without_the_connection_string_and_recovers()
    {
        // A cluster of the test's own, since it stops it: while it is down its port is closed.
        using var cluster = await ThrowawayPostgres.StartAsync();
        await using (var admin = new NpgsqlConnection(cluster.AdministratorConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE health", admin);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(cluster.AdministratorConnectionString) { Database = "health", Timeout = 3 };
        await using var app = new IdentityHubApp().UseDatabase(database.ConnectionString);
        await app.InitializeAsync();
        using var client = app.CreateClient();
        await HealthProbe.WaitForAsync(client, "/health/ready", probe => probe.Status == HttpStatusCode.OK);

        await cluster.StopServerAsync();
        var live = await HealthProbe.GetAsync(client, "/health/live");
        var ready = await HealthProbe.GetAsync(client, "/health/ready");
        await cluster.StartServerAsync();
        var back = await HealthProbe.WaitForAsync(client, "/health/ready", probe => probe.Status == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.Overall);
        Assert.Equal("Unhealthy", ready.StatusOf("database"));
        Assert.Equal("The database cannot be reached.", ready.DescriptionOf("database"));
        Assert.DoesNotContain("Host=", ready.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Password", ready.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", ready.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ready.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, back.Status);
    }

    [Fact]
    public async Task A_provider_whose_circuit_opened_makes_ready_Degraded_and_still_200()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Delivery:Resilience:MaxRetries", "0")
            .With("IdentityHub:Delivery:Resilience:CircuitBreakerMinimumThroughput", "2");
        await app.InitializeAsync();
        app.Messages.Failing.Add(DeliveryKind.Sms); // the first text provider refuses (a permanent failure: no breaker)
        await using var withFlakyProvider = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddDeliveryChannel<FlakySms>()));
        using var client = withFlakyProvider.CreateClient();
        await HealthProbe.WaitForAsync(client, "/health/ready", probe => probe.Status == HttpStatusCode.OK);

        // Real sends through the pipeline: the second provider times out twice, and its circuit opens.
        var sender = withFlakyProvider.Services.GetRequiredService<IMessageSender>();
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync(new DeliveryMessage(DeliveryKind.Sms, "+16505552652", null, "Please use security code 123456", "REF" + i), CancellationToken.None);
        }

        var ready = await HealthProbe.GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Degraded", ready.Overall);
        Assert.Equal("Degraded", ready.StatusOf("delivery"));
        Assert.Equal("Circuit open after repeated failures: flaky-sms.", ready.DescriptionOf("delivery"));
        Assert.Equal("Healthy", ready.StatusOf("database"));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, string id, string? version = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        if (version is not null)
        {
            command.Parameters.AddWithValue("version", version);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A text provider that is down: every attempt is a transient failure, which its circuit breaker counts.</summary>
    private sealed class FlakySms : IDeliveryChannel
    {
        public string Name => "flaky-sms";

        public DeliveryKind Kind => DeliveryKind.Sms;

        public bool CanDeliverTo(string address) => true;

        public Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<ChannelResult>(new ChannelResult.TransientFailure("provider answered 503"));
    }
}
