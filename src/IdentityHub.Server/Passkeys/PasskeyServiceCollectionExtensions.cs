using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passkeys;

public static class PasskeyServiceCollectionExtensions
{
    /// <summary>
    /// Passkeys (M13): the relying-party settings for Identity's WebAuthn ceremonies and the services the
    /// passkey pages use. Call after <c>AddIdentity</c>.
    /// </summary>
    public static IServiceCollection AddIdentityHubPasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PasskeySettings>()
            .Bind(configuration.GetSection(PasskeySettings.Section))
            .Validate(settings => settings.AllowedOrigins.All(origin => PasskeyOptionsSetup.Normalize(origin) is not null),
                "IdentityHub:Passkeys:AllowedOrigins must hold absolute origins such as https://login.healthplan.example.")
            .Validate(settings => string.IsNullOrWhiteSpace(settings.ServerDomain) || Uri.CheckHostName(settings.ServerDomain.Trim()) == UriHostNameType.Dns,
                "IdentityHub:Passkeys:ServerDomain must be a host name such as login.healthplan.example (no scheme, port or path; not an IP address).")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<IdentityPasskeyOptions>, PasskeyOptionsSetup>();

        // AddIdentity registers the default handler; this keeps the pages working with AddIdentityCore too.
        services.TryAddScoped<IPasskeyHandler<IdentityHubUser>, PasskeyHandler<IdentityHubUser>>();
        services.AddScoped<PasskeyCeremonies>();
        return services;
    }
}
