using System.Text.RegularExpressions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A demo user (or administrator) the server seeds in Development, read from the line it prints once.</summary>
public sealed partial record DemoUser(string UserName, string Password)
{
    public static DemoUser FromServerOutput(string output)
    {
        var match = CreatedLine().Match(output);
        return match.Success
            ? new DemoUser(match.Groups["user"].Value, match.Groups["password"].Value)
            : throw new InvalidOperationException("The server did not print the demo user's password:\n" + output);
    }

    [GeneratedRegex(@"Demo [^.]*created\. Username: (?<user>\S+)\s+Password: (?<password>\S+)")]
    private static partial Regex CreatedLine();
}
