using IdentityHub.Server.Governance;
using IdentityHub.Administration;
using IdentityHub.Data;
using IdentityHub.Hosting;
using IdentityHub.Delivery;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Hardening;
using IdentityHub.Server.Keys;
using IdentityHub.Server.Logout;
using IdentityHub.Server.Members;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Passkeys;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Profile;
using IdentityHub.Server.Seeding;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Terms;
using IdentityHub.Server.Telemetry;
using IdentityHub.Server.Throttling;
using IdentityHub.Server.Wording;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

public static class IdentityHubServices
{
    /// <summary>Registers the token server: one line per feature folder.</summary>
    public static IServiceCollection AddIdentityHub(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<IdentityHubOptions>()
            .Bind(configuration.GetSection(IdentityHubOptions.Section))
            .PostConfigure(BuiltInApiResources.AddTo)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityHubOptions>, IdentityHubOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        var database = DatabaseSettings.From(configuration, environment.ContentRootPath);
        services.AddIdentityHubDatabase(database.Provider, database.ConnectionString);
        services.AddIdentityHubDataProtection("IdentityHub", configuration, environment);
        services.AddSingleton<ServerSecrets>();
        services.AddIdentityHubTrustedProxies(configuration);

        services.AddIdentityHubSeeding();
        services.AddIdentityHubIdentity();
        services.AddIdentityHubSessions();
        services.AddIdentityHubSingleLogout();
        services.AddIdentityHubProtocol(environment, database.Provider);
        services.AddIdentityHubKeys();
        services.AddIdentityHubAudit();
        services.AddIdentityHubMessageDelivery(configuration, environment);
        services.AddIdentityHubMfa();
        services.AddIdentityHubPasskeys(configuration);
        services.AddIdentityHubSignIn();
        services.AddIdentityHubAccounts();
        services.AddIdentityHubProfile();
        services.AddIdentityHubTerms();
        services.AddIdentityHubAdministration();
        services.AddIdentityHubGovernance();
        services.AddIdentityHubMembers(configuration, environment);
        services.AddIdentityHubMemberRegistration();
        services.AddIdentityHubThrottling(configuration);
        services.AddRazorPages().AddMvcOptions(mvc =>
        {
            mvc.ModelBinderProviders.Insert(0, new LenientCheckboxes());
            mvc.Filters.Add(new MissingPageHandlers());
        });
        services.AddIdentityHubHardening(environment);
        services.AddIdentityHubTexts(configuration);
        services.AddIdentityHubServerTelemetry(configuration, environment);
        return services;
    }
}
