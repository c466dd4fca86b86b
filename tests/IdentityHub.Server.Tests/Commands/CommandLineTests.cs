using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// The command line's one parser (O5): help for the program and for each verb, usage errors in one line with exit
/// code 2, answered before any setting is read; and the real process exits with the documented codes.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> Verbs() => [.. ServerCommands.All.Select(command => command.Spec.Verb)];

    [Fact]
    public void The_overall_help_lists_every_verb_and_the_exit_codes()
    {
        var (invocation, output, error) = Read("--help");

        Assert.Equal(new Invocation.Answered(0), invocation);
        Assert.Equal("", error);
        Assert.StartsWith("Usage: IdentityHub.Server [<command>]", output, StringComparison.Ordinal);
        Assert.All(ServerCommands.All, command => Assert.Contains($"  {command.Spec.Verb} ", output, StringComparison.Ordinal));
        Assert.Contains("Exit codes: 0 done, 1 refused or failed, 2 wrong usage.", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Each_verb_has_its_help_with_its_usage_line(string verb)
    {
        var asOption = Read(verb, "--help");
        var asVerb = Read("help", verb);

        Assert.Equal(new Invocation.Answered(0), asOption.Invocation);
        Assert.StartsWith($"Usage: {verb}", asOption.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", asOption.Output, StringComparison.Ordinal);
        Assert.Equal(asOption.Output, asVerb.Output);
    }

    [Theory]
    [InlineData("frobnicate", "Unknown command 'frobnicate'.")]
    [InlineData("rotate-keys --force", "Unknown option '--force'.")]
    [InlineData("rotate-keys --now=yes", "--now takes no value.")]
    [InlineData("register-client", "Name the <file.json>.")]
    [InlineData("register-client a.json b.json", "Unexpected argument 'b.json'.")]
    [InlineData("register-client a.json --client-id", "--client-id needs a value.")]
    [InlineData("migrate now", "Unexpected argument 'now'.")]
    [InlineData("check --verbose", "Unknown option '--verbose'.")]
    [InlineData("export-config --unmasked", "Unknown option '--unmasked'.")]
    [InlineData("help frobnicate", "Unknown command 'frobnicate'.")]
    public void A_usage_error_is_one_line_and_exit_code_2(string commandLine, string problem)
    {
        var (invocation, output, error) = Read(commandLine.Split(' '));

        Assert.Equal(new Invocation.Answered(2), invocation);
        Assert.Equal("", output);
        Assert.StartsWith(problem, error.Split(Environment.NewLine)[0], StringComparison.Ordinal);
        Assert.True(error.Trim().Split(Environment.NewLine).Length <= 2, error);
    }

    [Theory]
    [InlineData]
    [InlineData("run")]
    [InlineData("--urls", "http://localhost:5000")]
    [InlineData("--environment=Testing", "--contentRoot=/tmp")]
    public void No_verb_or_configuration_overrides_serve(params string[] args)
    {
        Assert.Equal(new Invocation.Serve(), Read(args).Invocation);
    }

    [Fact]
    public void Arguments_that_parse_go_to_the_verb_as_given()
    {
        var (invocation, _, error) = Read("register-client", "client.json", "--client-id=portal-7", "--update");

        var verb = Assert.IsType<Invocation.Verb>(invocation);
        Assert.Equal("", error);
        Assert.Equal(RegisterClientCommand.Verb, verb.Command.Spec.Verb);
        var parsed = verb.Command.Spec.Parse(verb.Arguments, TextWriter.Null)!;
        Assert.Equal(("client.json", "portal-7", true), (parsed.Positional[0], parsed.Value("--client-id"), parsed.Has("--update")));
    }

    [Fact]
    public async Task The_real_process_answers_help_without_settings_and_a_bad_option_with_exit_code_2()
    {
        // A value the server refuses at start: help and usage errors are answered before settings are read.
        var environment = new Dictionary<string, string?> { ["IdentityHub__Tokens__AccessTokenLifetime"] = "ten minutes" };

        await using (var help = AppProcess.Start("src/IdentityHub.Server", environment, "rotate-keys", "--help"))
        {
            Assert.True(await help.WaitForExitAsync() == 0, help.Output);
            Assert.Contains("Usage: rotate-keys [--now]", help.Output, StringComparison.Ordinal);
        }

        await using var wrong = AppProcess.Start("src/IdentityHub.Server", environment, "verify-audit", "--archive");
        Assert.Equal(2, await wrong.WaitForExitAsync());
        Assert.Contains("--archive needs a value.", wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrong.Output, StringComparison.Ordinal);
    }

    private static (Invocation Invocation, string Output, string Error) Read(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var invocation = ServerCommandLine.Read(args, output, error);
        return (invocation, output.ToString(), error.ToString());
    }
}
