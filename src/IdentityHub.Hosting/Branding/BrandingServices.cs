using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Branding;

public static class BrandingServices
{
    /// <summary>The plan's look (M5), checked at start-up (<see cref="BrandingOptionsValidator"/>).</summary>
    public static IServiceCollection AddIdentityHubBranding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrandingOptions>().Bind(configuration.GetSection(BrandingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrandingOptions>, BrandingOptionsValidator>();
        services.AddSingleton<SiteLook>();
        return services;
    }
}
