using IdentityHub.Core.Clients;
using IdentityHub.DPoP;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// The token endpoint's DPoP check (RFC 9449 §5): a request with a <c>DPoP</c> header gets tokens bound to the proof's
/// key if the proof is good, and <c>invalid_dpop_proof</c> (or <c>use_dpop_nonce</c>) if not. A client registered
/// with <c>RequireDPoP</c> must send a proof; a public client's bound refresh token is redeemed only with a proof
/// made by the same key. Runs once the client and the code or refresh token are authenticated.
/// </summary>
public sealed class ValidateDPoPProof(DPoPProofs proofs, IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<ValidateDPoPProof>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || context.ClientId is not { } clientId || await applications.FindByClientIdAsync(clientId) is not { } application)
        {
            return;
        }

        var bound = context.Request.IsRefreshTokenGrantType() ? context.RefreshTokenPrincipal?.GetClaim(DPoPClaims.RefreshTokenThumbprint) : null;
        if (!DPoPProofs.HasProof(request))
        {
            if (bound is not null)
            {
                context.Reject(DPoPErrors.InvalidProof, "This refresh token is bound to a DPoP key: send a DPoP proof made with that key.");
            }
            else if (ClientSettings.From(await applications.GetPropertiesAsync(application)).RequireDPoP)
            {
                context.Reject(DPoPErrors.InvalidProof, "This client must send a DPoP proof (the 'DPoP' header) with every token request.");
            }

            return;
        }

        var result = await proofs.CheckAsync(request, accessToken: null, expectedThumbprint: bound, request.HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            context.Reject(result.Error!, result.ErrorDescription);
            return;
        }

        context.Transaction.SetProperty(DPoPClaims.ThumbprintProperty, result.Thumbprint);
        if (await applications.HasClientTypeAsync(application, ClientTypes.Public))
        {
            context.Transaction.SetProperty(DPoPClaims.PublicClientProperty, bool.TrueString);
        }
    }
}
