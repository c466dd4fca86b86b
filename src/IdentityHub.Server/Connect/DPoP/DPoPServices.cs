using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server;

namespace IdentityHub.Server.Connect.DPoP;

public static class DPoPServices
{
    /// <summary>DPoP at the token, userinfo and introspection endpoints (RFC 9449; docs/dpop.md).</summary>
    public static IServiceCollection AddIdentityHubDPoP(this IServiceCollection services)
    {
        services.TryAddSingleton<DPoPNonces>();
        services.TryAddScoped<DPoPProofs>();
        services.TryAddScoped<DPoPUserInfo>();
        return services;
    }

    /// <summary>The OpenIddict event handlers that check proofs and bind tokens.</summary>
    public static OpenIddictServerBuilder AddDPoPHandlers(this OpenIddictServerBuilder options) => options
        .AddEventHandler(ValidateDPoPProof.Descriptor)
        .AddEventHandler(AttachDPoPBinding.Descriptor)
        .AddEventHandler(AttachDPoPTokenType.Descriptor)
        .AddEventHandler(AttachDPoPNonce.Descriptor)
        .AddEventHandler(ExtractDPoPAccessToken.Descriptor)
        .AddEventHandler(SetDPoPConfirmationAside.Descriptor)
        .AddEventHandler(PutDPoPConfirmationBack.Descriptor)
        .AddEventHandler(AttachDPoPIntrospectionClaims.Descriptor)
        .AddEventHandler(DPoPInDiscovery.Descriptor);
}
