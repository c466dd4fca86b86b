using IdentityHub.DPoP;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// Hands out the server's current nonce in a <c>DPoP-Nonce</c> header with every <c>use_dpop_nonce</c> error and,
/// when nonces are required, with every token response, so a client always has a fresh one (RFC 9449 §8, §8.2).
/// </summary>
public sealed class AttachDPoPNonce(DPoPNonces nonces, DPoPProofs proofs) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<AttachDPoPNonce>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Transaction.GetHttpRequest()?.HttpContext.Response is not { } response)
        {
            return;
        }

        if (context.Error == DPoPErrors.UseNonce || (proofs.Settings.RequireNonce && context.Error is null))
        {
            response.Headers[DPoPErrors.NonceHeader] = await nonces.CurrentAsync(response.HttpContext.RequestAborted);
        }
    }
}
