using System.Text;

namespace IdentityHub.Server.Commands;

/// <summary>The exit codes every verb uses, so that a deployment script can tell a refusal from a typo.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Refused or failed: a rule, a missing file, the database, a check that failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown verb or option, a missing argument or value.</summary>
    public const int Usage = 2;
}

/// <summary>One option of a verb: a flag (<see cref="ValueName"/> null) or an option that takes a value.</summary>
internal sealed record CommandOption(string Name, string? ValueName, string Description, bool Required = false)
{
    public bool IsFlag => ValueName is null;
}

/// <summary>One positional argument of a verb, in order.</summary>
internal sealed record CommandArgument(string Name, string Description, bool Required = true);

/// <summary>
/// What a verb accepts and how it is explained: the one description both the parser and <c>--help</c> read, so
/// the help never promises an option the parser refuses. Every verb's arguments go through <see cref="Parse"/>.
/// </summary>
internal sealed record CommandSpec(string Verb, string Summary)
{
    public IReadOnlyList<CommandArgument> Arguments { get; init; } = [];

    public IReadOnlyList<CommandOption> Options { get; init; } = [];

    /// <summary>Paragraphs after the options: what the verb does in detail, and its own exit-code meanings.</summary>
    public string? Details { get; init; }

    /// <summary>The usage line, e.g. <c>Usage: publish-terms &lt;file&gt; [--version &lt;version&gt;] [--title &lt;title&gt;]</c>.</summary>
    public string Synopsis
    {
        get
        {
            var line = new StringBuilder("Usage: ").Append(Verb);
            foreach (var argument in Arguments)
            {
                line.Append(argument.Required ? $" <{argument.Name}>" : $" [<{argument.Name}>]");
            }

            foreach (var option in Options)
            {
                var text = option.IsFlag ? option.Name : $"{option.Name} <{option.ValueName}>";
                line.Append(option.Required ? $" {text}" : $" [{text}]");
            }

            return line.ToString();
        }
    }

    /// <summary>
    /// Splits <paramref name="arguments"/> into positional arguments and options. A problem is one line on
    /// <paramref name="error"/>, followed by the usage line; the result is then null (exit code 2).
    /// </summary>
    public CommandArguments? Parse(IReadOnlyList<string> arguments, TextWriter error)
    {
        var positional = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var token = arguments[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token == "--")
            {
                positional.Add(token);
                continue;
            }

            // --name=value is read as --name value.
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? token[..equals] : token;
            var option = Options.FirstOrDefault(candidate => candidate.Name == name);
            if (option is null)
            {
                return Refuse(error, $"Unknown option '{name}'.");
            }

            if (option.IsFlag)
            {
                if (equals > 0)
                {
                    return Refuse(error, $"{name} takes no value.");
                }

                values[name] = "";
            }
            else if (equals > 0)
            {
                values[name] = token[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = arguments[++i];
            }
            else
            {
                return Refuse(error, $"{name} needs a value.");
            }
        }

        var required = Arguments.Count(argument => argument.Required);
        if (positional.Count < required)
        {
            var missing = Arguments.Where(argument => argument.Required).Skip(positional.Count).Select(argument => $"<{argument.Name}>");
            return Refuse(error, $"Name the {string.Join(" and the ", missing)}.");
        }

        if (positional.Count > Arguments.Count)
        {
            return Refuse(error, $"Unexpected argument '{positional[Arguments.Count]}'.");
        }

        if (Options.FirstOrDefault(option => option.Required && !values.ContainsKey(option.Name)) is { } absent)
        {
            return Refuse(error, $"Give {absent.Name} <{absent.ValueName}>.");
        }

        return new CommandArguments(positional, values);
    }

    /// <summary>Writes a usage problem (one line) and the usage line; returns exit code 2.</summary>
    public int UsageError(TextWriter error, string problem)
    {
        Refuse(error, problem);
        return ExitCodes.Usage;
    }

    /// <summary>The verb's help: usage, what it does, its arguments and options, the exit codes.</summary>
    public string Help()
    {
        var text = new StringBuilder();
        text.AppendLine(Synopsis);
        text.AppendLine();
        text.AppendLine(Summary);
        if (Arguments.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Arguments:");
            Table(text, Arguments.Select(argument => ($"<{argument.Name}>", argument.Description)));
        }

        if (Options.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Options:");
            Table(text, Options.Select(option => (option.IsFlag ? option.Name : $"{option.Name} <{option.ValueName}>", option.Description)));
        }

        if (Details is not null)
        {
            text.AppendLine();
            text.AppendLine(Details);
        }

        text.AppendLine();
        text.AppendLine("Exit codes: 0 done, 1 refused or failed, 2 wrong usage.");
        return text.ToString();
    }

    private CommandArguments? Refuse(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine($"{Synopsis}   (more: {Verb} --help)");
        return null;
    }

    private static void Table(StringBuilder text, IEnumerable<(string Name, string Description)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(row => row.Name.Length) + 2;
        foreach (var (name, description) in list)
        {
            text.Append("  ").Append(name.PadRight(width)).AppendLine(description);
        }
    }
}

/// <summary>A verb's arguments after <see cref="CommandSpec.Parse"/>: the positional ones in order, and the options given.</summary>
internal sealed class CommandArguments(IReadOnlyList<string> positional, IReadOnlyDictionary<string, string> options)
{
    public IReadOnlyList<string> Positional { get; } = positional;

    /// <summary>The positional argument at <paramref name="index"/>, or null when it was not given.</summary>
    public string? At(int index) => index < Positional.Count ? Positional[index] : null;

    public bool Has(string option) => options.ContainsKey(option);

    /// <summary>The value of an option that takes one, or null when it was not given.</summary>
    public string? Value(string option) => options.TryGetValue(option, out var value) ? value : null;
}
