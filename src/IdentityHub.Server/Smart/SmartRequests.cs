using IdentityHub.Core.Smart;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Smart;

/// <summary>
/// SMART's rules on requests, after OpenIddict has checked the client and its scopes: an app's <c>aud</c> must name
/// this plan's FHIR API (SMART App Launch 2 §2.0.5: it keeps a token from being sent to a look-alike server), and
/// <c>system/</c> scopes are for client_credentials (Backend Services) while <c>patient/</c>, <c>user/</c>,
/// <c>launch/patient</c> and <c>fhirUser</c> need a person's sign-in. A mismatch is refused with <c>invalid_scope</c>.
/// </summary>
public sealed class SmartRequests(IOptions<IdentityHubOptions> options) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    /// <summary>The request parameter naming the resource server (SMART's audience).</summary>
    public const string AudienceParameter = "aud";

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<SmartRequests>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor PushedDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidatePushedAuthorizationRequestContext>()
        .UseSingletonHandler<SmartRequests>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<SmartRequests>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (Refusal(context.Request) is var (error, description))
        {
            context.Reject(error, description);
        }

        return default;
    }

    public ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        if (Refusal(context.Request) is var (error, description))
        {
            context.Reject(error, description);
        }

        return default;
    }

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsClientCredentialsGrantType()
            && SmartScopes.GrantMismatch(context.Request.GetScopes(), codeFlow: false, clientCredentials: true) is { } mismatch)
        {
            context.Reject(Errors.InvalidScope, mismatch);
        }

        return default;
    }

    private (string Error, string Description)? Refusal(OpenIddictRequest request)
    {
        var smart = options.Value.Smart;
        if (!smart.Enabled)
        {
            return null;
        }

        if (request.GetParameter(AudienceParameter) is { } parameter)
        {
            var aud = (string?)parameter;
            if (string.IsNullOrEmpty(aud) || !smart.IsAudience(aud))
            {
                return (Errors.InvalidRequest, $"The 'aud' parameter must be this plan's FHIR API, {smart.Audience}.");
            }
        }

        return SmartScopes.GrantMismatch(request.GetScopes(), codeFlow: true, clientCredentials: false) is { } mismatch
            ? (Errors.InvalidScope, mismatch)
            : null;
    }
}
