using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Logout;

public static class LogoutServices
{
    /// <summary>
    /// Single logout: logout tokens queued when sessions end, sent by a job on every node with retries, and the
    /// front-channel frames of the signed-out page. Call with <see cref="Sessions.SessionServices.AddIdentityHubSessions"/>.
    /// </summary>
    public static IServiceCollection AddIdentityHubSingleLogout(this IServiceCollection services)
    {
        services.AddSingleton<LogoutSignal>();
        services.AddSingleton<LogoutTokens>();
        services.AddScoped<BackChannelLogouts>();
        services.AddScoped<FrontChannelLogout>();
        services.AddScoped<SessionAuthorizations>();
        services.AddSingleton<BackChannelLogoutJob>();
        services.AddHostedService(provider => provider.GetRequiredService<BackChannelLogoutJob>());
        // No redirects: a logout token goes to the registered address only.
        services.AddHttpClient(BackChannelLogouts.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Logout.Timeout + TimeSpan.FromSeconds(1))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
