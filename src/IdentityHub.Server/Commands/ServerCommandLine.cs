using System.Text;

namespace IdentityHub.Server.Commands;

/// <summary>What the command line asks for, read before the host is built.</summary>
internal abstract record Invocation
{
    /// <summary>Serve (no verb, <c>run</c>, or only configuration overrides).</summary>
    public sealed record Serve : Invocation;

    /// <summary>Already answered (help, or a usage error): exit with this code without building the host.</summary>
    public sealed record Answered(int ExitCode) : Invocation;

    /// <summary>Run a verb with its (already checked) arguments.</summary>
    public sealed record Verb(ServerCommand Command, IReadOnlyList<string> Arguments) : Invocation;
}

/// <summary>
/// Reads the command line before anything else: help and usage errors are answered without settings or a database,
/// so <c>IdentityHub.Server --help</c> works on a machine with nothing configured.
/// </summary>
internal static class ServerCommandLine
{
    public static Invocation Read(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var first = args.Count > 0 ? args[0] : null;
        if (first is "--help" or "-h" or "-?")
        {
            output.Write(OverallHelp());
            return new Invocation.Answered(ExitCodes.Ok);
        }

        if (first == "help")
        {
            return args.Count switch
            {
                1 => Answer(output, OverallHelp()),
                2 when args[1] == ServerCommands.Run.Verb => Answer(output, ServerCommands.Run.Help()),
                2 when ServerCommands.Find(args[1]) is { } command => Answer(output, command.Spec.Help()),
                _ => Unknown(error, args[1]),
            };
        }

        // Serving takes configuration overrides (--urls ..., and the test host's --environment=...), not a verb.
        if (first is null || first == ServerCommands.Run.Verb || first.StartsWith('-'))
        {
            return args.Any(IsHelp) ? Answer(output, ServerCommands.Run.Help()) : new Invocation.Serve();
        }

        if (ServerCommands.Find(first) is not { } verb)
        {
            return Unknown(error, first);
        }

        var arguments = args.Skip(1).ToList();
        if (arguments.Any(IsHelp))
        {
            return Answer(output, verb.Spec.Help());
        }

        return verb.Spec.Parse(arguments, error) is null
            ? new Invocation.Answered(ExitCodes.Usage)
            : new Invocation.Verb(verb, arguments);
    }

    public static string OverallHelp()
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {ServerCommands.ProgramName} [<command>] [<arguments>]");
        text.AppendLine();
        text.AppendLine("The IdentityHub token server. Without a command it serves; with one it runs the command on the same");
        text.AppendLine("settings (appsettings.json, environment variables such as IdentityHub__Issuer) and exits.");
        text.AppendLine();
        text.AppendLine("Commands:");
        var verbs = new[] { (ServerCommands.Run.Verb, Brief: "Serve (the default).") }.Concat(ServerCommands.All.Select(command => (command.Spec.Verb, command.Brief))).ToList();
        var width = verbs.Max(verb => verb.Verb.Length) + 2;
        foreach (var (verb, brief) in verbs)
        {
            text.Append("  ").Append(verb.PadRight(width)).AppendLine(brief);
        }

        text.AppendLine();
        text.AppendLine($"Run '{ServerCommands.ProgramName} <command> --help' for a command's arguments and options (docs/commands.md).");
        text.AppendLine("Exit codes: 0 done, 1 refused or failed, 2 wrong usage.");
        return text.ToString();
    }

    private static bool IsHelp(string argument) => argument is "--help" or "-h" or "-?";

    private static Invocation.Answered Answer(TextWriter output, string text)
    {
        output.Write(text);
        return new Invocation.Answered(ExitCodes.Ok);
    }

    private static Invocation.Answered Unknown(TextWriter error, string verb)
    {
        error.WriteLine($"Unknown command '{verb}'. Commands: run (default), {string.Join(", ", ServerCommands.All.Select(command => command.Spec.Verb))}. (more: {ServerCommands.ProgramName} --help)");
        return new Invocation.Answered(ExitCodes.Usage);
    }
}
