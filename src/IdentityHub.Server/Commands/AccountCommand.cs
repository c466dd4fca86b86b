using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Hosting;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Commands;

/// <summary>What an administrator does to one account from the command line.</summary>
internal enum AccountAction
{
    Disable,
    Enable,
    TemporaryPassword,
    EndSessions,
}

/// <summary>
/// <c>disable-user</c>, <c>enable-user</c>, <c>set-temporary-password</c> and <c>end-sessions</c>, each with a username: the
/// administrator's actions on one account (A4, A12, D6), for the help desk until the admin API arrives.
/// </summary>
internal static class AccountCommand
{
    public static string VerbOf(AccountAction action) => action switch
    {
        AccountAction.Disable => "disable-user",
        AccountAction.Enable => "enable-user",
        AccountAction.EndSessions => "end-sessions",
        _ => "set-temporary-password",
    };

    public static CommandSpec SpecOf(AccountAction action) => new(VerbOf(action), action switch
    {
        AccountAction.Disable => "Turns an account off: every session ends and its tokens are revoked.",
        AccountAction.Enable => "Turns an account back on, clearing its lockout and failed attempts.",
        AccountAction.EndSessions => "Signs a person out everywhere: every session ends.",
        _ => "Gives an account a temporary password, printed once, that the person changes at the next sign-in; their sessions end.",
    })
    {
        Arguments = [new("username", "The account's username.")],
    };

    public static Task<int> RunAsync(IServiceProvider services, AccountAction action, IReadOnlyList<string> arguments) =>
        RunAsync(services, action, arguments, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, AccountAction action, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var verb = VerbOf(action);
        var spec = SpecOf(action);
        if (spec.Parse(arguments, error) is not { } parsed)
        {
            return ExitCodes.Usage;
        }

        if (string.IsNullOrWhiteSpace(parsed.Positional[0]))
        {
            return spec.UsageError(error, "Name the <username>.");
        }

        if (await ServerDatabase.PrepareAsync(services) is { } problem)
        {
            error.WriteLine(problem);
            return ExitCodes.Failure;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = await users.FindByNameAsync(arguments[0].Trim());
        if (user is null)
        {
            error.WriteLine($"No user is named '{arguments[0].Trim()}'.");
            return ExitCodes.Failure;
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountSwitch>();
        var actor = $"the {verb} command ({Environment.UserName})";
        switch (action)
        {
            case AccountAction.Enable:
                await accounts.EnableAsync(user, actor);
                output.WriteLine($"Turned on {user.UserName}; the lockout and failed attempts are cleared.");
                break;
            case AccountAction.Disable:
                var revoked = await accounts.DisableAsync(user, actor);
                output.WriteLine($"Turned off {user.UserName}: every session ended, {revoked} token(s) revoked.");
                break;
            case AccountAction.EndSessions:
                var ended = await scope.ServiceProvider.GetRequiredService<Sessions.UserSessions>().EndAllAsync(user, Data.Sessions.SessionEndReasons.Administrator);
                await scope.ServiceProvider.GetRequiredService<Audit.AuditLog>().RecordAsync("session.ended_by_administrator", "succeeded", user.Id, detail: $"by {actor}; {ended}");
                output.WriteLine($"Signed {user.UserName} out everywhere: {ended}.");
                break;
            default:
                var password = await scope.ServiceProvider.GetRequiredService<TemporaryPasswords>().IssueAsync(user, actor);
                output.WriteLine($"Temporary password for {user.UserName}: {password}");
                output.WriteLine("Give it to the person over a trusted channel; they choose their own at the next sign-in. Their sessions have ended.");
                break;
        }

        return ExitCodes.Ok;
    }
}
