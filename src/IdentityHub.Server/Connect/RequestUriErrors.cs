using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// An authorization request whose <c>request_uri</c> OpenIddict cannot resolve (unknown, expired, already used or
/// pushed by another client) is refused by OpenIddict as an invalid token; this names it for what it is:
/// <c>invalid_request_uri</c> (RFC 9101 §7, which PAR's RFC 9126 uses) with a description an integrator can act on.
/// </summary>
public sealed class RequestUriErrors : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public const string Description = "The request_uri is unknown, has expired or was already used: push the authorization request again (PAR).";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
        .UseSingletonHandler<RequestUriErrors>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (context.Response.Error is Errors.InvalidToken or Errors.ExpiredToken && !string.IsNullOrEmpty(context.Request?.RequestUri))
        {
            context.Response.Error = Errors.InvalidRequestUri;
            context.Response.ErrorDescription = Description;
            context.Response.ErrorUri = null;
        }

        return default;
    }
}
