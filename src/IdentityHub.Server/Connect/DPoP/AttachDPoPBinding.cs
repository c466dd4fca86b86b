using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// Binds the tokens of a token request that proved a key (RFC 9449 §6): the access token carries
/// <c>cnf: {"jkt": thumbprint}</c>, a public client's refresh token remembers the thumbprint (§5: confidential
/// clients' refresh tokens are bound by their client authentication instead), and the response says
/// <c>token_type: DPoP</c>.
/// </summary>
public sealed class AttachDPoPBinding : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AttachDPoPBinding>()
        .SetOrder(OpenIddictServerHandlers.PrepareRefreshTokenPrincipal.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Transaction.GetProperty<string>(DPoPClaims.ThumbprintProperty) is not { } thumbprint)
        {
            return default;
        }

        if (context.AccessTokenPrincipal?.Identity is ClaimsIdentity access)
        {
            access.TryRemoveClaim(access.FindFirst(DPoPClaims.Confirmation));
            access.AddClaim(new Claim(DPoPClaims.Confirmation, JsonSerializer.Serialize(new { jkt = thumbprint }), JsonClaimValueTypes.Json));
        }

        if (context.Transaction.GetProperty<string>(DPoPClaims.PublicClientProperty) is not null && context.RefreshTokenPrincipal?.Identity is ClaimsIdentity refresh)
        {
            refresh.TryRemoveClaim(refresh.FindFirst(DPoPClaims.RefreshTokenThumbprint));
            refresh.AddClaim(new Claim(DPoPClaims.RefreshTokenThumbprint, thumbprint));
        }

        return default;
    }
}

/// <summary>Says <c>token_type: DPoP</c> when the access token is bound (RFC 9449 §5).</summary>
public sealed class AttachDPoPTokenType : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AttachDPoPTokenType>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Transaction.GetProperty<string>(DPoPClaims.ThumbprintProperty) is not null && context.Response.AccessToken is not null)
        {
            context.Response.TokenType = IdentityHub.DPoP.DPoPErrors.Scheme;
        }

        return default;
    }
}
