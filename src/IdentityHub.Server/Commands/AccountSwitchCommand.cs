using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>disable-user &lt;username&gt;</c> and <c>enable-user &lt;username&gt;</c>: the administrator's switch
/// (A12, D6) from the command line, for the help desk until the admin API arrives.
/// </summary>
internal static class AccountSwitchCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, bool enable, IReadOnlyList<string> arguments)
    {
        var verb = enable ? "enable-user" : "disable-user";
        if (arguments.Count != 1 || string.IsNullOrWhiteSpace(arguments[0]))
        {
            Console.Error.WriteLine($"Usage: {verb} <username>");
            return 2;
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
        if (enable)
        {
            await accounts.EnableAsync(user, actor);
            Console.WriteLine($"Turned on {user.UserName}; the lockout and failed attempts are cleared.");
        }
        else
        {
            var revoked = await accounts.DisableAsync(user, actor);
            Console.WriteLine($"Turned off {user.UserName}: sessions end at their next check, {revoked} token(s) revoked.");
        }

        return 0;
    }
}
