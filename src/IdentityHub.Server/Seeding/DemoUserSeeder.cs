using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Creates the demo user on first start and prints its password once; the password is random and
/// is never stored anywhere but as a hash.
/// </summary>
internal sealed partial class DemoUserSeeder(UserManager<IdentityHubUser> users, TimeProvider time, ILogger<DemoUserSeeder> logger)
{
    public const string UserName = "demo";

    public async Task SeedAsync()
    {
        if (await users.FindByNameAsync(UserName) is not null)
        {
            return;
        }

        var password = Core.Accounts.GeneratedPasswords.New();
        var user = new IdentityHubUser
        {
            UserName = UserName,
            GivenName = "Dana",
            FamilyName = "Demo",
            Email = "demo@example.org",
            EmailConfirmed = true,
            PhoneNumber = "+15555550100",
            CreatedAt = time.GetUtcNow(),
        };

        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo user: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // Printed on the console on purpose, once: this is the only way to learn it.
        Console.WriteLine();
        Console.WriteLine($"  Demo user created. Username: {UserName}   Password: {password}");
        Console.WriteLine("  (shown once; delete App_Data to start again)");
        Console.WriteLine();
        LogDemoUserCreated(UserName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo user {UserName}")]
    private partial void LogDemoUserCreated(string userName);
}
