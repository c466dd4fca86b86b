using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityHub.Server.Account;

/// <summary>Registration of the forgot-username and forgot-password services (A6, A7).</summary>
public static class AccountRecoveryServices
{
    public static IServiceCollection AddIdentityHubAccountRecovery(this IServiceCollection services)
    {
        services.TryAddSingleton<SteadyResponseTime>();
        services.TryAddScoped<UsernameReminders>();
        services.TryAddScoped<PasswordResets>();
        services.TryAddScoped<PasswordResetCompletion>();
        return services;
    }

    /// <summary>
    /// The registered service, or one made from registered parts: the pages work before
    /// <see cref="AddIdentityHubAccountRecovery"/> is called from <c>AddIdentityHub</c>.
    /// </summary>
    internal static T GetAccountService<T>(this HttpContext http) where T : class =>
        http.RequestServices.GetService<T>() ?? ActivatorUtilities.CreateInstance<T>(http.RequestServices);
}
