using IdentityHub.Server.Configuration;
using StackExchange.Redis;

namespace IdentityHub.Server.Throttling;

public static class ThrottlingServices
{
    /// <summary>Rate limits shared across nodes (O6), in the database or in Redis when <c>IdentityHub:RateLimits:Redis</c> is set.</summary>
    public static IServiceCollection AddIdentityHubThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[IdentityHubOptions.Section + ":RateLimits:Redis"] is { Length: > 0 } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
            services.AddSingleton<IRateLimitStore, RedisRateLimitStore>();
        }
        else
        {
            services.AddScoped<IRateLimitStore, DatabaseRateLimitStore>();
        }

        services.AddSingleton<OverloadLimiters>();
        services.AddSingleton<ClientAddresses>();
        services.AddSingleton<BlockedClients>();
        services.AddScoped<RateLimits>();
        services.AddScoped<PageLimits>();
        services.AddScoped<SignInGuard>();
        // Unlocks and resets forget wrong passwords where this node counts them (the database or Redis).
        services.AddScoped<Accounts.ISignInFailures>(provider => provider.GetRequiredService<SignInGuard>());
        services.AddSingleton<RateLimitCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<RateLimitCleanup>());
        return services;
    }
}
