using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>check</c> (O4, O5): what a deployment pipeline runs before a node takes traffic. One line per check; exit code 1
/// on any failure: a wrong setting, pending migrations the server will not apply, an SMTP relay that does not answer.
/// </summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task A_ready_node_passes_every_check_and_the_smtp_relay_is_greeted()
    {
        var smtp = new SmtpSink();
        await smtp.InitializeAsync();
        (int Exit, string Output, string Error) run;
        try
        {
            await using var app = WithSmtp(new IdentityHubApp(), smtp.Port);
            await app.InitializeAsync();
            run = await RunAsync(app);
        }
        finally
        {
            await smtp.DisposeAsync();
        }

        Assert.True(run.Exit == 0, run.Output + run.Error);
        var lines = Lines(run.Output);
        Assert.Equal("ok    settings  every setting is valid.", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("ok    database  ", StringComparison.Ordinal) && line.EndsWith("none pending.", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(line => line.StartsWith("ok    keys      ", StringComparison.Ordinal))); // RS256, PS256, ES256, encryption, server signing
        Assert.Contains($"ok    delivery  relay (SMTP) answers at localhost:{smtp.Port}.", lines);
        Assert.Contains(lines, line => line.StartsWith("warn  delivery  no sms channel is configured", StringComparison.Ordinal));
        Assert.StartsWith("Ready: every check passed", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines[..^1], line => !line.StartsWith("ok ", StringComparison.Ordinal) && !line.StartsWith("warn ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_smtp_relay_that_does_not_answer_fails_the_check()
    {
        var closedPort = FreeTcpPort.Next();
        await using var app = WithSmtp(new IdentityHubApp(), closedPort);
        await app.InitializeAsync();

        var run = await RunAsync(app);

        Assert.Equal(1, run.Exit);
        Assert.Contains(Lines(run.Output), line => line.StartsWith($"fail  delivery  relay (SMTP) cannot be reached at localhost:{closedPort}", StringComparison.Ordinal));
        Assert.StartsWith("1 check(s) failed", Lines(run.Output)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_the_server_will_migrate_at_start_is_a_warning_and_its_keys_wait_for_the_schema()
    {
        await using var check = AppProcess.Start("src/IdentityHub.Server", await ServerEnvironmentAsync(), "check");

        Assert.True(await check.WaitForExitAsync() == 0, check.Output);
        Assert.Contains("migration(s) pending, applied at start (MigrateOnStart)", check.Output, StringComparison.Ordinal);
        Assert.Contains("warn  keys      cannot be read until the database is migrated", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_migrations_fail_when_the_server_would_not_apply_them_and_pass_after_migrate()
    {
        var environment = await ServerEnvironmentAsync();
        environment["IdentityHub__Database__MigrateOnStart"] = "false";

        await using (var before = AppProcess.Start("src/IdentityHub.Server", environment, "check"))
        {
            Assert.Equal(1, await before.WaitForExitAsync());
            Assert.Contains("migration(s) pending: ", before.Output, StringComparison.Ordinal);
            Assert.Contains("_Initial", before.Output, StringComparison.Ordinal);
            Assert.Contains("Run the migrate command.", before.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", before.Output, StringComparison.Ordinal);
        }

        await using (var migrate = AppProcess.Start("src/IdentityHub.Server", environment, "migrate"))
        {
            Assert.True(await migrate.WaitForExitAsync() == 0, migrate.Output);
        }

        // No node has started yet: no keys (a warning), and no delivery channel outside Development (a warning).
        await using var after = AppProcess.Start("src/IdentityHub.Server", environment, "check");
        Assert.True(await after.WaitForExitAsync() == 0, after.Output);
        Assert.Contains("none pending.", after.Output, StringComparison.Ordinal);
        Assert.Contains("warn  keys      no Signing key in use yet", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_setting_is_a_failed_check_naming_the_key()
    {
        var environment = await ServerEnvironmentAsync();
        environment["IdentityHub__Tokens__AccessTokenLifetime"] = "-00:05:00";

        await using var check = AppProcess.Start("src/IdentityHub.Server", environment, "check");

        Assert.Equal(1, await check.WaitForExitAsync());
        Assert.Contains("fail  settings  ", check.Output, StringComparison.Ordinal);
        Assert.Contains("IdentityHub:Tokens:AccessTokenLifetime", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", check.Output, StringComparison.Ordinal);
    }

    private static IdentityHubApp WithSmtp(IdentityHubApp app, int port) => app
        .With("IdentityHub:Delivery:Email:0:Type", "Smtp")
        .With("IdentityHub:Delivery:Email:0:Name", "relay")
        .With("IdentityHub:Delivery:Email:0:Host", "localhost")
        .With("IdentityHub:Delivery:Email:0:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("IdentityHub:Delivery:Email:0:Security", "None")
        .With("IdentityHub:Delivery:Email:0:From", "no-reply@plan.example");

    private static string[] Lines(string output) => output.Trim().Split(Environment.NewLine);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IdentityHubApp app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CheckCommand.RunAsync(app.Services, [], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<Dictionary<string, string?>> ServerEnvironmentAsync()
    {
        var environment = TestClients.Settings().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["IdentityHub__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__IdentityHub"] = await PostgresCluster.Shared.CreateDatabaseAsync("check");
        environment["IdentityHub__DataProtection__Certificate__Path"] = TestCertificates.KeyRing.Path;
        environment["IdentityHub__DataProtection__Certificate__Password"] = TestCertificates.KeyRing.Password;
        return environment;
    }
}
