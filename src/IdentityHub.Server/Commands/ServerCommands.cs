namespace IdentityHub.Server.Commands;

/// <summary>A verb: what it accepts and how it runs on the built host.</summary>
/// <param name="ChecksSettings">
/// False for the verbs that report on the settings themselves (<c>check</c>, <c>export-config</c>): they run even
/// when a value is wrong, instead of stopping at the start-up check.
/// </param>
internal sealed record ServerCommand(
    CommandSpec Spec,
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
        new(MigrateCommand.Spec, (services, _, output, error) => MigrateCommand.RunAsync(services, output, error)),
        new(CheckCommand.Spec, CheckCommand.RunAsync, ChecksSettings: false),
        new(ExportConfigCommand.Spec, (services, _, output, _) => Task.FromResult(ExportConfigCommand.Run(services, output)), ChecksSettings: false),
        new(RotateKeysCommand.Spec, RotateKeysCommand.RunAsync),
        new(RegisterClientCommand.Spec, RegisterClientCommand.RunAsync),
        new(ImportUsersCommand.Spec, ImportUsersCommand.RunAsync),
        new(CreatePlatformAdminCommand.Spec, CreatePlatformAdminCommand.RunAsync),
        Account(AccountAction.Disable),
        Account(AccountAction.Enable),
        Account(AccountAction.TemporaryPassword),
        Account(AccountAction.EndSessions),
        new(PublishTermsCommand.Spec, PublishTermsCommand.RunAsync),
        new(TextsCommand.Spec, (services, _, output, _) => Task.FromResult(TextsCommand.Run(services, output))),
        new(VerifyAuditCommand.Spec, VerifyAuditCommand.RunAsync),
        new(ArchiveAuditCommand.Spec, (services, _, output, error) => ArchiveAuditCommand.RunAsync(services, output, error)),
        new(RecertifyCommand.Spec, (services, _, output, error) => RecertifyCommand.RunAsync(services, output, error)),
    ];

    public static ServerCommand? Find(string verb) => All.FirstOrDefault(command => command.Spec.Verb == verb);

    private static ServerCommand Account(AccountAction action) =>
        new(AccountCommand.SpecOf(action), (services, arguments, output, error) => AccountCommand.RunAsync(services, action, arguments, output, error));
}
