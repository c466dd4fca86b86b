using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Refuses an authorization or end-session request whose <c>id_token_hint</c> is not a valid ID token of
/// this server (unsigned, wrongly signed, garbage). OpenIddict validates the hint but, by default, goes
/// on without it when it is invalid, so a forged hint would silently pass for "no hint".
/// </summary>
public sealed class IdentityTokenHints : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public const string Description = "The 'id_token_hint' parameter is not a valid identity token issued by this server.";

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<IdentityTokenHints>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateAuthentication.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor EndSessionDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
        .UseSingletonHandler<IdentityTokenHints>()
        .SetOrder(OpenIddictServerHandlers.Session.ValidateAuthentication.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.IdTokenHint) && context.IdentityTokenHintPrincipal is null)
        {
            context.Reject(Errors.InvalidRequest, Description);
        }

        return default;
    }

    public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.IdTokenHint) && context.IdentityTokenHintPrincipal is null)
        {
            context.Reject(Errors.InvalidRequest, Description);
        }

        return default;
    }
}
