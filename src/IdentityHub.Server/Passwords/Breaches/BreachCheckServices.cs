using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace IdentityHub.Server.Passwords.Breaches;

public static class BreachCheckServices
{
    /// <summary>
    /// The typed client for the breach check: one retry on a transient failure (5xx, 408, 429, a refused
    /// connection); <see cref="BreachedPasswordClient"/> bounds the whole by <c>IdentityHub:Passwords:BreachCheck:Timeout</c>.
    /// </summary>
    public static IServiceCollection AddIdentityHubBreachCheck(this IServiceCollection services)
    {
        services.AddHttpClient<BreachedPasswordClient>(BreachedPasswordClient.HttpClientName, http =>
            {
                // The client sets the deadline from the settings on every call.
                http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = BreachedPasswordClient.MaxResponseBytes;
            })
            // The default request logs print the address, which holds the hash prefix; nothing here needs them.
            .RemoveAllLoggers()
            .AddResilienceHandler("breach-check", pipeline =>
            {
                // A network pause runs on the wall clock, whatever clock the rest of the server is given.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                    ShouldRetryAfterHeader = false,
                });
            });

        return services;
    }
}
