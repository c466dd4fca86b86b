using IdentityHub.Data;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Hosting;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddIdentityHub(builder.Configuration, builder.Environment);
    var app = builder.Build();
    SettingsCheck.Run(app.Services);
    app.UseIdentityHub();

    return args.FirstOrDefault() switch
    {
        "migrate" => await MigrateCommand.RunAsync(app.Services),
        "import-users" => await ImportUsersCommand.RunAsync(app.Services, args[1..]),
        "disable-user" => await AccountCommand.RunAsync(app.Services, AccountAction.Disable, args[1..]),
        "enable-user" => await AccountCommand.RunAsync(app.Services, AccountAction.Enable, args[1..]),
        "set-temporary-password" => await AccountCommand.RunAsync(app.Services, AccountAction.TemporaryPassword, args[1..]),
        "end-sessions" => await AccountCommand.RunAsync(app.Services, AccountAction.EndSessions, args[1..]),
        CreatePlatformAdminCommand.Verb => await CreatePlatformAdminCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error),
        PublishTermsCommand.Verb => await PublishTermsCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error),
        TextsCommand.Verb => TextsCommand.Run(app.Services, Console.Out),
        VerifyAuditCommand.Verb => await VerifyAuditCommand.RunAsync(app.Services, args[1..], Console.Out),
        ArchiveAuditCommand.Verb => await ArchiveAuditCommand.RunAsync(app.Services, Console.Out),
        RecertifyCommand.Verb => await RecertifyCommand.RunAsync(app.Services, Console.Out),
        null or "run" or ['-', ..] => await ServeAsync(app),
        var verb => Fail($"Unknown command '{verb}'. Commands: run (default), migrate, import-users, disable-user, enable-user, set-temporary-password, end-sessions, create-platform-admin, publish-terms, texts, verify-audit, archive-audit, recertify."),
    };
}
catch (Exception exception) when (exception is StartupException or DatabaseSettingsException or OptionsValidationException)
{
    return Fail("IdentityHub cannot start: " + exception.Message);
}

static async Task<int> ServeAsync(WebApplication app)
{
    // Before the host starts: a database that cannot be reached is one line, not a start-up stack trace.
    if (await ServerDatabase.PrepareAsync(app.Services) is { } problem)
    {
        return Fail("IdentityHub cannot start: " + problem);
    }

    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
    await app.RunAsync();
    return 0;
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
