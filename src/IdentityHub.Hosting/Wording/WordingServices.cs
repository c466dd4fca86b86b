using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Wording;

public static class WordingServices
{
    /// <summary>Localization with the plan's wording on top (A14, M5); each host adds its resource files with <see cref="AddWordingResource{T}"/>.</summary>
    public static IServiceCollection AddIdentityHubWording(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddLocalization();
        services.TryAddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, WordingLocalizerFactory>());
        services.TryAddSingleton<ICurrentPortal, NoPortal>();
        services.TryAddSingleton<ILanguagePreferences, BrowserOnlyLanguagePreferences>();
        services.AddSingleton<WordingOverrides>();
        services.AddSingleton<WordingCatalog>();
        services.AddSingleton<AllTexts>();
        // The shared header and footer (Pages/Shared/_SiteHeader, _SiteFooter) are compiled into this library.
        services.AddMvcCore().AddApplicationPart(typeof(LayoutText).Assembly).AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => ((WordingLocalizerFactory)factory).AllTexts);
        services.AddOptions<WordingOptions>().Bind(configuration.GetSection(WordingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<WordingOptions>, WordingFile>();
        services.AddSingleton<IValidateOptions<WordingOptions>, WordingOptionsValidator>();
        services.AddWordingResource<LayoutText>();
        return services;
    }

    public static IServiceCollection AddWordingResource<TResource>(this IServiceCollection services)
    {
        services.AddSingleton(new WordingResource(typeof(TResource)));
        return services;
    }

    /// <summary>Chooses each request's language (<see cref="LanguageChoice"/>); goes before anything that renders text.</summary>
    public static IApplicationBuilder UseIdentityHubLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new(LanguageChoice.CultureOf(SupportedLanguages.English), SupportedLanguages.English);
            options.SupportedCultures = [.. SupportedLanguages.All.Select(language => CultureInfo.GetCultureInfo(LanguageChoice.CultureOf(language)))];
            options.SupportedUICultures = [.. SupportedLanguages.Cultures];
            options.RequestCultureProviders = [new LanguageChoice()];
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
}
