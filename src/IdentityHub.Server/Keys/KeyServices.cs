using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace IdentityHub.Server.Keys;

public static class KeyServices
{
    /// <summary>The signing and encryption keys: kept in the database, handed to OpenIddict, rotated and refreshed.</summary>
    public static IServiceCollection AddIdentityHubKeys(this IServiceCollection services)
    {
        services.AddSingleton<KeyMaterial>();
        services.AddSingleton<KeyRing>();
        services.AddSingleton(provider => new ActiveSigningKeys(provider.GetRequiredService<KeyRing>()));
        services.AddScoped<KeyRotationNow>();
        services.AddSingleton<ServerCredentialsSetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerCredentialsSetup>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerCredentialsSetup>());
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerLifetimesSetup>();
        services.AddHostedService<KeyRingRefresher>();
        return services;
    }
}
