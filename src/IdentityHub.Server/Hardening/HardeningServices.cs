using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hardening;

public static class HardeningServices
{
    /// <summary>
    /// Hardening (O6): prefixed, Secure, HttpOnly cookies and the checked HSTS setting. The headers are
    /// sent by <see cref="SecurityHeaders"/> in the pipeline; the key ring's certificate is set up with
    /// Data Protection (<see cref="KeyRingProtection"/>).
    /// </summary>
    public static IServiceCollection AddIdentityHubHardening(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddHardenedCookies(environment);
        services.AddSingleton<IValidateOptions<IdentityHubOptions>, HstsSettingsValidator>();
        return services;
    }
}

internal sealed class HstsSettingsValidator : IValidateOptions<IdentityHubOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityHubOptions options) =>
        options.Hsts.MaxAge < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{IdentityHubOptions.Section}:Hsts:MaxAge cannot be negative (00:00:00 tells browsers to forget the rule).")
            : ValidateOptionsResult.Success;
}
