using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.Registration;

/// <summary>Advertises the dynamic registration endpoint (<c>registration_endpoint</c>, RFC 8414 §2).</summary>
public sealed class RegistrationInDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<RegistrationInDiscovery>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        // The issuer is attached later in the same stage; the request's base address is where the endpoint is served.
        if ((context.Issuer ?? context.BaseUri) is { } issuer)
        {
            context.Metadata["registration_endpoint"] = new OpenIddictParameter(new Uri(issuer, RegistrationEndpoint.Path.TrimStart('/')).AbsoluteUri);
        }

        return default;
    }
}
