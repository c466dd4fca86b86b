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

    public static async Task<int> RunAsync(IServiceProvider services, AccountAction action, IReadOnlyList<string> arguments)
    {
        var verb = VerbOf(action);
        if (arguments.Count != 1 || string.IsNullOrWhiteSpace(arguments[0]))
        {
            Console.Error.WriteLine($"Usage: {verb} <username>");
            return 2;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = await users.FindByNameAsync(arguments[0].Trim());
        if (user is null)
        {
            Console.Error.WriteLine($"No user is named '{arguments[0].Trim()}'.");
            return 1;
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountSwitch>();
        var actor = $"the {verb} command ({Environment.UserName})";
        switch (action)
        {
            case AccountAction.Enable:
                await accounts.EnableAsync(user, actor);
                Console.WriteLine($"Turned on {user.UserName}; the lockout and failed attempts are cleared.");
                break;
            case AccountAction.Disable:
                var revoked = await accounts.DisableAsync(user, actor);
                Console.WriteLine($"Turned off {user.UserName}: every session ended, {revoked} token(s) revoked.");
                break;
            case AccountAction.EndSessions:
                var ended = await scope.ServiceProvider.GetRequiredService<Sessions.UserSessions>().EndAllAsync(user, Data.Sessions.SessionEndReasons.Administrator);
                await scope.ServiceProvider.GetRequiredService<Audit.AuditLog>().RecordAsync("session.ended_by_administrator", "succeeded", user.Id, detail: $"by {actor}; {ended}");
                Console.WriteLine($"Signed {user.UserName} out everywhere: {ended}.");
                break;
            default:
                var password = await scope.ServiceProvider.GetRequiredService<TemporaryPasswords>().IssueAsync(user, actor);
                Console.WriteLine($"Temporary password for {user.UserName}: {password}");
                Console.WriteLine("Give it to the person over a trusted channel; they choose their own at the next sign-in. Their sessions have ended.");
                break;
        }

        return 0;
    }
}
