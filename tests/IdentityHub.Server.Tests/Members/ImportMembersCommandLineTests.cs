using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// <c>import-members</c> on the real program, once: the exit codes and the printed summary. The import itself is
/// tested in process (<see cref="ImportMembersTests"/>).
/// </summary>
public sealed class ImportMembersCommandLineTests
{
    [Fact]
    public async Task The_command_prints_progress_and_a_summary_and_exits_1_when_a_row_is_rejected()
    {
        var folder = Directory.CreateTempSubdirectory("identityhub-members-cli-").FullName;
        try
        {
            var file = Path.Combine(folder, "roster.csv");
            await File.WriteAllTextAsync(file, "member_id,date_of_birth,last_name,zip\nM1,1950-04-12,Rivera,33101\nM2,04/30/1962,Nguyen,77002-1234\nM3,1948-07-30,O'Brien,2116\n");

            await using var run = AppProcess.Start("src/IdentityHub.Server", await EnvironmentAsync(), "import-members", file);
            var exit = await run.WaitForExitAsync();

            Assert.True(exit == 1, run.Output);
            Assert.Contains("Importing 3 row(s)", run.Output, StringComparison.Ordinal);
            Assert.Contains("  2 loaded: 2 added, 0 updated, 0 unchanged", run.Output, StringComparison.Ordinal);
            Assert.Matches(@"Import \d{8}T\d{6}Z-[0-9a-f]{8} of ", run.Output);
            Assert.Contains("Added:     2", run.Output, StringComparison.Ordinal);
            Assert.Contains("  line 4: The ZIP code '2116' must have 5 or 9 digits", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Wrong_usage_is_exit_code_2_before_anything_is_read()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var answered = Assert.IsType<Invocation.Answered>(ServerCommandLine.Read(["import-members", "roster.csv", "--ended"], output, error));

        Assert.Equal(2, answered.ExitCode);
        Assert.Contains("Unknown option '--ended'.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: import-members <file> [--dry-run] [--full-roster] [--report <path>]", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string?>> EnvironmentAsync()
    {
        var environment = TestClients.Settings().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["IdentityHub__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__IdentityHub"] = await PostgresCluster.Shared.CreateDatabaseAsync("members-cli");
        environment["IdentityHub__DataProtection__Certificate__Path"] = TestCertificates.KeyRing.Path;
        environment["IdentityHub__DataProtection__Certificate__Password"] = TestCertificates.KeyRing.Password;
        return environment;
    }
}
