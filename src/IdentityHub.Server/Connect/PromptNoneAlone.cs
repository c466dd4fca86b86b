using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Refuses <c>prompt=none</c> with <c>create</c>, as OpenIddict refuses it with <c>login</c>, <c>consent</c> and
/// <c>select_account</c> (OIDC Core 3.1.2.1: none goes with no other value) but not with <c>create</c>, which it
/// does not know. Without this, "show nothing" and "show the sign-up pages" would both be asked at once.
/// </summary>
public sealed class PromptNoneAlone : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    /// <summary>OpenIddict's own words for a prompt it refuses, so both refusals read alike.</summary>
    public const string Description = "The specified 'prompt' is invalid.";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<PromptNoneAlone>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidatePromptParameter.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (context.Request.HasPromptValue(PromptValues.None) && context.Request.HasPromptValue(PromptValues.Create))
        {
            context.Reject(Errors.InvalidRequest, Description);
        }

        return default;
    }
}
