using IdentityHub.Data;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Hosting;
using Microsoft.Extensions.Options;

// Help and usage errors are answered before any setting is read (docs/commands.md).
var invocation = ServerCommandLine.Read(args, Console.Out, Console.Error);
if (invocation is Invocation.Answered answered)
{
    return answered.ExitCode;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddIdentityHub(builder.Configuration, builder.Environment);
    var app = builder.Build();
    if (invocation is not Invocation.Verb { Command.ChecksSettings: false })
    {
        SettingsCheck.Run(app.Services);
    }

    app.UseIdentityHub();
    return invocation is Invocation.Verb verb
        ? await verb.Command.RunAsync(app.Services, verb.Arguments, Console.Out, Console.Error)
        : await ServeAsync(app);
}
catch (Exception exception) when (exception is StartupException or DatabaseSettingsException or OptionsValidationException)
{
    return invocation is Invocation.Verb { Command.Spec.Verb: CheckCommand.Verb }
        ? CheckCommand.CannotStart(exception.Message, Console.Out)
        : Fail("IdentityHub cannot start: " + exception.Message);
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
