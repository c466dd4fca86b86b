using System.Security.Claims;
using IdentityHub.DPoP;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// OpenIddict checks the <c>cnf</c> claim of a presented token itself, knows only certificate-bound tokens
/// (<c>x5t#S256</c>), and fails with an exception on a DPoP <c>jkt</c>. The claim is set aside under another name
/// just before that check and put back just after it; the DPoP proof is checked by <see cref="DPoPUserInfo"/>.
/// </summary>
public sealed class SetDPoPConfirmationAside : IOpenIddictServerHandler<ValidateTokenContext>
{
    public const string AsideClaim = "ih_dpop_cnf";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<SetDPoPConfirmationAside>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateProofOfPossession.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        Move(context.Principal, DPoPClaims.Confirmation, AsideClaim, onlyDPoP: true);
        return default;
    }

    internal static void Move(ClaimsPrincipal? principal, string from, string to, bool onlyDPoP)
    {
        if (principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(from) is not { } claim
            || (onlyDPoP && DPoPJwtBearer.BoundThumbprint(claim.Value) is null))
        {
            return;
        }

        identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(to, claim.Value, claim.ValueType, claim.Issuer, claim.OriginalIssuer));
    }
}

/// <summary>Puts back the <c>cnf</c> claim <see cref="SetDPoPConfirmationAside"/> set aside.</summary>
public sealed class PutDPoPConfirmationBack : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<PutDPoPConfirmationBack>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateProofOfPossession.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        SetDPoPConfirmationAside.Move(context.Principal, SetDPoPConfirmationAside.AsideClaim, DPoPClaims.Confirmation, onlyDPoP: false);
        return default;
    }
}
