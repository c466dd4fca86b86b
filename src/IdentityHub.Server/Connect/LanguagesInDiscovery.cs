using IdentityHub.Hosting.Wording;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Advertises the languages the pages speak (<c>ui_locales_supported</c>, OpenID Connect Discovery 1.0 §3), which a
/// portal may ask for with <c>ui_locales</c>, and the assurance levels it may ask for with <c>acr_values</c>
/// (<c>acr_values_supported</c>).
/// </summary>
public sealed class LanguagesInDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<LanguagesInDiscovery>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["ui_locales_supported"] = new OpenIddict.Abstractions.OpenIddictParameter([.. SupportedLanguages.All]);
        context.Metadata["acr_values_supported"] = new OpenIddict.Abstractions.OpenIddictParameter([.. Core.Assurance.AssuranceLevels.All]);
        return default;
    }
}
