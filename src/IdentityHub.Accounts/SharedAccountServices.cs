using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityHub.Accounts;

public static class SharedAccountServices
{
    /// <summary>
    /// What both hosts do to an account (end its sessions, turn it off and on, unlock it, reset its MFA, its
    /// password-reset links). Needs the database and OpenIddict's core managers registered. The wrong-password
    /// counters are forgotten in the database unless the host registers its own <see cref="ISignInFailures"/>.
    /// </summary>
    public static IServiceCollection AddIdentityHubSharedAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ISignInFailures, DatabaseSignInFailures>();
        services.TryAddScoped<RememberedDeviceRevocations>();
        services.TryAddScoped<LogoutDeliveryQueue>();
        services.TryAddScoped<AccountSessions>();
        services.TryAddScoped<AccountAccess>();
        services.TryAddScoped<MfaResets>();
        services.TryAddScoped<PasswordChoiceLinks>();
        return services;
    }
}
