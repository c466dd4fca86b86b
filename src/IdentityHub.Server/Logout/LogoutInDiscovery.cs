using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Advertises single logout in discovery: back-channel (Back-Channel Logout 1.0 §2.1) and front-channel (Front-Channel
/// Logout 1.0 §3), both with <c>sid</c>, which IdentityHub always puts in ID tokens and logout messages.
/// </summary>
public sealed class LogoutInDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<LogoutInDiscovery>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["backchannel_logout_supported"] = new OpenIddictParameter(true);
        context.Metadata["backchannel_logout_session_supported"] = new OpenIddictParameter(true);
        context.Metadata["frontchannel_logout_supported"] = new OpenIddictParameter(true);
        context.Metadata["frontchannel_logout_session_supported"] = new OpenIddictParameter(true);
        return default;
    }
}
