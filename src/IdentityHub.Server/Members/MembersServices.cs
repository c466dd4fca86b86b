using IdentityHub.Server.Members.Webhook;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Members;

public static class MembersServices
{
    /// <summary>
    /// Members (A15): the plan's roster chosen by <c>IdentityHub:Members:Roster:Kind</c> (validated at start), and
    /// the links between members and their accounts.
    /// </summary>
    public static IServiceCollection AddIdentityHubMembers(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<RosterOptions>()
            .Bind(configuration.GetSection(RosterOptions.Section))
            .PostConfigure(roster => roster.Webhook.SecretInSettingsFile = SettingsFileWithSecret(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RosterOptions>>(new RosterOptionsValidator(allowPlainHttp: environment.IsDevelopment()));

        services.AddScoped<MemberLinks>();
        services.AddScoped<ImportedRoster>();
        services.AddRosterWebhook();
        services.AddScoped<IMemberRoster>(provider =>
            provider.GetRequiredService<IOptions<RosterOptions>>().Value.KnownKind == RosterKinds.Webhook
                ? provider.GetRequiredService<WebhookRoster>()
                : provider.GetRequiredService<ImportedRoster>());
        return services;
    }

    /// <summary>The appsettings file that sets the webhook secret, if any (user secrets and the environment are fine).</summary>
    private static string? SettingsFileWithSecret(IConfiguration configuration)
    {
        const string key = RosterOptions.Section + ":Webhook:Secret";
        return (configuration as IConfigurationRoot)?.Providers
            .OfType<JsonConfigurationProvider>()
            .Where(provider => Path.GetFileName(provider.Source.Path ?? "").StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            .Where(provider => provider.TryGet(key, out var value) && !string.IsNullOrEmpty(value))
            .Select(provider => Path.GetFileName(provider.Source.Path))
            .LastOrDefault();
    }
}
