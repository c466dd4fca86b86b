using System.Text.Json;
using IdentityHub.DPoP;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// Introspection tells a resource server that an access token is DPoP-bound and to which key: <c>cnf.jkt</c> and
/// <c>token_type: DPoP</c> (RFC 9449 §6.2), whoever the caller.
/// </summary>
public sealed class AttachDPoPIntrospectionClaims : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
        .UseSingletonHandler<AttachDPoPIntrospectionClaims>()
        .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        if (DPoPJwtBearer.BoundThumbprint(context.GenericTokenPrincipal?.FindFirst(DPoPClaims.Confirmation)?.Value) is { } thumbprint)
        {
            context.Claims[DPoPClaims.Confirmation] = new OpenIddictParameter(JsonSerializer.SerializeToElement(new { jkt = thumbprint }));
            context.TokenType = DPoPErrors.Scheme;
        }

        return default;
    }
}

/// <summary>Advertises the algorithms accepted for DPoP proofs (<c>dpop_signing_alg_values_supported</c>, RFC 9449 §5.1).</summary>
public sealed class DPoPInDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<DPoPInDiscovery>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["dpop_signing_alg_values_supported"] = new OpenIddictParameter([.. DPoPValidationOptions.DefaultAlgorithms]);
        return default;
    }
}
