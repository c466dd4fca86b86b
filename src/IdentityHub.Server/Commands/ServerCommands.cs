namespace IdentityHub.Server.Commands;

/// <summary>A verb: what it accepts, its line in the overall help, and how it runs on the built host.</summary>
/// <param name="ChecksSettings">
/// False for the verbs that report on the settings themselves (<c>check</c>, <c>export-config</c>): they run even
/// when a value is wrong, instead of stopping at the start-up check.
/// </param>
internal sealed record ServerCommand(
    CommandSpec Spec,
    string Brief,
    Func<IServiceProvider, IReadOnlyList<string>, TextWriter, TextWriter, Task<int>> RunAsync,
    bool ChecksSettings = true);

/// <summary>Every command-line verb of the token server, in the order the help lists them (O5).</summary>
internal static class ServerCommands
{
    public const string ProgramName = "IdentityHub.Server";

    /// <summary>The default verb: serve. Its arguments are configuration overrides, read by the host, not by a parser.</summary>
    public static readonly CommandSpec Run = new("run", "Serves the token server (the default when no verb is given).")
    {
        Details = """
            Every argument is a configuration override, e.g. --urls http://+:8080 or --IdentityHub:Issuer=https://login.example/.
            Settings come from appsettings.json, appsettings.{Environment}.json, environment variables (IdentityHub__Issuer) and
            these arguments, in that order (docs/configuration.md).
            """,
    };

    public static IReadOnlyList<ServerCommand> All { get; } =
    [
        new(MigrateCommand.Spec, "Apply pending database migrations, then exit.", (services, _, output, error) => MigrateCommand.RunAsync(services, output, error)),
        new(CheckCommand.Spec, "Check settings, database, keys and delivery before taking traffic.", CheckCommand.RunAsync, ChecksSettings: false),
        new(ExportConfigCommand.Spec, "Print the settings this node runs with, as JSON, secrets masked.", (services, _, output, _) => Task.FromResult(ExportConfigCommand.Run(services, output)), ChecksSettings: false),
        new(RotateKeysCommand.Spec, "Rotate the signing key now (published ahead; --now after a compromise).", RotateKeysCommand.RunAsync),
        new(RegisterClientCommand.Spec, "Register or replace a client from an RFC 7591 JSON document.", RegisterClientCommand.RunAsync),
        new(ImportUsersCommand.Spec, "Create users from another system's CSV or JSON export.", ImportUsersCommand.RunAsync),
        new(ImportMembersCommand.Spec, "Load the plan's member roster (who may create their own account) from a CSV file.", ImportMembersCommand.RunAsync),
        new(CreatePlatformAdminCommand.Spec, "Create the first platform administrator.", CreatePlatformAdminCommand.RunAsync),
        Account(AccountAction.Disable),
        Account(AccountAction.Enable),
        Account(AccountAction.TemporaryPassword),
        Account(AccountAction.EndSessions),
        new(PublishTermsCommand.Spec, "Publish a new version of the terms of use.", PublishTermsCommand.RunAsync),
        new(TextsCommand.Spec, "Print every text a plan can replace, as Markdown.", (services, _, output, _) => Task.FromResult(TextsCommand.Run(services, output))),
        new(VerifyAuditCommand.Spec, "Verify the audit log's hash chain (or one archive file).", VerifyAuditCommand.RunAsync),
        new(ArchiveAuditCommand.Spec, "Archive sealed audit records past their retention now.", (services, _, output, error) => ArchiveAuditCommand.RunAsync(services, output, error)),
        new(RecertifyCommand.Spec, "Run the access re-certification job now.", (services, _, output, error) => RecertifyCommand.RunAsync(services, output, error)),
    ];

    public static ServerCommand? Find(string verb) => All.FirstOrDefault(command => command.Spec.Verb == verb);

    private static ServerCommand Account(AccountAction action) =>
        new(AccountCommand.SpecOf(action), action switch
        {
            AccountAction.Disable => "Turn an account off, ending its sessions and tokens.",
            AccountAction.Enable => "Turn an account back on, clearing its lockout.",
            AccountAction.EndSessions => "Sign a person out everywhere.",
            _ => "Give an account a temporary password, printed once.",
        }, (services, arguments, output, error) => AccountCommand.RunAsync(services, action, arguments, output, error));
}
