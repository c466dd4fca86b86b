using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Npgsql;

namespace IdentityHub.Server.Tests.Configuration;

/// <summary>
/// The real server process (O1): a wrong setting stops it with exit code 1 and a message that names
/// the key; <c>migrate</c> applies migrations and exits without serving (O5).
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("IdentityHub:Tokens:AccessTokenLifetime", "-00:05:00", "IdentityHub:Tokens:AccessTokenLifetime")]
    [InlineData("IdentityHub:Tokens:AccessTokenLifetime", "ten minutes", "IdentityHub:Tokens:AccessTokenLifetime")]
    [InlineData("IdentityHub:Keys:PublishAhead", "400.00:00:00", "IdentityHub:Keys:PublishAhead")]
    [InlineData("IdentityHub:Clients:0:GrantTypes:0", "password", "IdentityHub:Clients:0:GrantTypes")]
    [InlineData("IdentityHub:Clients:0:Scopes:1", "undeclared-api", "IdentityHub:Clients:0:Scopes")]
    [InlineData("IdentityHub:Issuer", "ftp://example.org", "IdentityHub:Issuer")]
    [InlineData("IdentityHub:Clients:1:AllowedCorsOrigins:0", "https://spa.example/app", "IdentityHub:Clients:1:AllowedCorsOrigins has 'https://spa.example/app'")]
    [InlineData("IdentityHub:Clients:0:IdTokenSigningAlgorithm", "HS256", "IdentityHub:Clients:0:IdTokenSigningAlgorithm is 'HS256'; allowed values are RS256, PS256, ES256")]
    [InlineData("IdentityHub:ApiResources:0:AccessTokenSigningAlgorithm", "es256", "IdentityHub:ApiResources:0:AccessTokenSigningAlgorithm is 'es256'; allowed values are RS256, PS256, ES256")]
    [InlineData("IdentityHub:Clients:1:MaxSessionAge", "-00:10:00", "IdentityHub:Clients:1:MaxSessionAge")]
    [InlineData("IdentityHub:Clients:1:AccessTokenLifetime", "00:00:00", "IdentityHub:Clients:1:AccessTokenLifetime")]
    [InlineData("IdentityHub:Database:Provider", "Oracle", "IdentityHub:Database:Provider")]
    [InlineData("ConnectionStrings:IdentityHub", "", "ConnectionStrings:IdentityHub")]
    [InlineData("IdentityHub:SecurityQuestions:Enabled", "true", "IdentityHub:SecurityQuestions:Enabled needs IdentityHub:Passwords:Preset 'Legacy'")]
    [InlineData("IdentityHub:Passwords:BreachCheck:Enabled", "true", "IdentityHub:Passwords:BreachCheck:BaseUrl is required")]
    [InlineData("IdentityHub:Passwords:BreachCheck:MinimumCount", "0", "IdentityHub:Passwords:BreachCheck:MinimumCount")]
    [InlineData("IdentityHub:Passwords:BreachCheck:Timeout", "00:05:00", "IdentityHub:Passwords:BreachCheck:Timeout")]
    [InlineData("IdentityHub:ClientCacheLifetime", "-00:01:00", "IdentityHub:ClientCacheLifetime cannot be negative")]
    [InlineData("IdentityHub:ClientCacheLifetime", "a minute", "IdentityHub:ClientCacheLifetime")]
    [InlineData("IdentityHub:Mfa:Methods:0", "Passkey", "IdentityHub:Mfa:Methods has 'Passkey'; the enrollment wizard offers Email, Sms, Voice, Totp")]
    [InlineData("IdentityHub:Mfa:Methods:0", "42", "IdentityHub:Mfa:Methods has '42'")]
    [InlineData("IdentityHub:Database:RetryAfter", "00:00:00", "IdentityHub:Database:RetryAfter must be between 00:00:01 and 01:00:00")]
    [InlineData("IdentityHub:Audit:Retention", "12:00:00", "IdentityHub:Audit:Retention must be at least one day")]
    [InlineData("IdentityHub:Audit:Retention", "six years", "IdentityHub:Audit:Retention")]
    [InlineData("IdentityHub:Node:Name", "node one", "IdentityHub:Node:Name must be 1 to 64 letters")]
    [InlineData("IdentityHub:Network:TrustedProxies:0", "proxy.example", "IdentityHub:Network:TrustedProxies:0 must be an IP address")]
    [InlineData("IdentityHub:Members:Roster:Kind", "Spreadsheet", "IdentityHub:Members:Roster:Kind is 'Spreadsheet'; use Imported")]
    [InlineData("IdentityHub:Members:Roster:Kind", "Webhook", "IdentityHub:Members:Roster:Webhook:Url is required")]
    public async Task A_bad_setting_stops_start_up_and_names_the_key(string key, string value, string named)
    {
        var environment = await ServerEnvironmentAsync();
        environment[EnvironmentName(key)] = value;

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment);
        var exitCode = await server.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains(named, server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task Migrate_applies_the_migrations_and_exits_without_serving()
    {
        var environment = await ServerEnvironmentAsync();

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");
        var exitCode = await server.WaitForExitAsync();

        Assert.True(exitCode == 0, server.Output);
        Assert.Contains("Applied", server.Output);
        Assert.DoesNotContain("fail:", server.Output);
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__IdentityHub"]);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task On_a_server_without_the_database_migrate_creates_it_and_logs_no_error()
    {
        var environment = await ServerEnvironmentAsync();
        await PostgresCluster.Shared.DropDatabaseAsync(environment["ConnectionStrings__IdentityHub"]!);

        await using (var migrate = AppProcess.Start("src/IdentityHub.Server", environment, "migrate"))
        {
            Assert.True(await migrate.WaitForExitAsync() == 0, migrate.Output);
            Assert.Contains("Applied", migrate.Output);
            Assert.DoesNotContain("fail:", migrate.Output);
        }

        await using var again = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");
        Assert.True(await again.WaitForExitAsync() == 0, again.Output);
        Assert.Contains("The database is up to date.", again.Output);
        Assert.DoesNotContain("fail:", again.Output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("migrate")]
    public async Task A_database_that_cannot_be_reached_stops_the_server_and_migrate_with_one_line(string? command)
    {
        var environment = await ServerEnvironmentAsync();
        environment["ConnectionStrings__IdentityHub"] = $"Host=localhost;Port={FreeTcpPort.Next()};Username=identityhub;Database=nowhere;Timeout=5";

        await using var server = command is null
            ? AppProcess.Start("src/IdentityHub.Server", environment)
            : AppProcess.Start("src/IdentityHub.Server", environment, command);

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains("Cannot reach or prepare the database 'nowhere' at tcp://localhost:", server.Output);
        Assert.Contains("Failed to connect", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task An_unknown_command_is_named()
    {
        var environment = await ServerEnvironmentAsync();

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrat");

        Assert.Equal(2, await server.WaitForExitAsync()); // a usage error (docs/commands.md)
        Assert.Contains("Unknown command 'migrat'", server.Output);
    }

    [Fact]
    public async Task The_account_switch_commands_name_what_is_wrong()
    {
        var environment = await ServerEnvironmentAsync();
        await using (var migrate = AppProcess.Start("src/IdentityHub.Server", environment, "migrate"))
        {
            Assert.Equal(0, await migrate.WaitForExitAsync());
        }

        await using var usage = AppProcess.Start("src/IdentityHub.Server", environment, "disable-user");
        Assert.Equal(2, await usage.WaitForExitAsync());
        Assert.Contains("Usage: disable-user <username>", usage.Output);

        await using var unknown = AppProcess.Start("src/IdentityHub.Server", environment, "enable-user", "nobody-here");
        Assert.Equal(1, await unknown.WaitForExitAsync());
        Assert.Contains("No user is named 'nobody-here'.", unknown.Output);
    }

    private static async Task<Dictionary<string, string?>> ServerEnvironmentAsync()
    {
        var environment = TestClients.Settings().ToDictionary(pair => EnvironmentName(pair.Key), pair => pair.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = $"http://localhost:{FreeTcpPort.Next()}";
        environment["IdentityHub__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__IdentityHub"] = await PostgresCluster.Shared.CreateDatabaseAsync("startup");
        environment["IdentityHub__DataProtection__Certificate__Path"] = TestCertificates.KeyRing.Path;
        environment["IdentityHub__DataProtection__Certificate__Password"] = TestCertificates.KeyRing.Password;
        return environment;
    }

    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
