using IdentityHub.Admin.Hosting;
using IdentityHub.Data;
using IdentityHub.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin;

/// <summary>The admin host's entry point (a named class, so that tests can start both hosts side by side).</summary>
public sealed class AdminProgram
{
    private AdminProgram()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddIdentityHubAdminHost(builder.Configuration, builder.Environment);
            var app = builder.Build();
            app.UseIdentityHubAdminHost();

            // Before the host starts: a database that cannot be reached is one line, not a stack trace.
            var migrate = builder.Configuration.GetValue(DatabaseReadiness.MigrateOnStartKey, defaultValue: true);
            if (await DatabaseReadiness.PrepareAsync(app.Services, migrate) is { } problem)
            {
                return Fail("The IdentityHub admin host cannot start: " + problem);
            }

            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (exception is DatabaseSettingsException or OptionsValidationException or StartupException)
        {
            return Fail("The IdentityHub admin host cannot start: " + exception.Message);
        }
    }

    private static int Fail(string message)
    {
        System.Console.Error.WriteLine(message);
        return 1;
    }
}
