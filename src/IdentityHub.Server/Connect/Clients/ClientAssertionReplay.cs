using IdentityHub.Server.Throttling;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// Accepts each <c>private_key_jwt</c> client assertion once (RFC 7523 §3, item 7): its <c>jti</c> is remembered in the
/// store all nodes share until the assertion expires, and an assertion presented again, on any node, is refused as
/// <c>invalid_client</c>. An assertion without <c>jti</c> cannot be checked and is refused too.
/// </summary>
public sealed class ClientAssertionReplay(OneTimeIds ids) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public const string Purpose = "client-assertion/jti";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<ClientAssertionReplay>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.ClientAssertionPrincipal is not { } assertion)
        {
            return;
        }

        var jti = assertion.GetClaim(Claims.JwtId);
        var expires = assertion.GetExpirationDate() ?? DateTimeOffset.UtcNow.AddMinutes(5);
        if (string.IsNullOrEmpty(jti) || jti.Length > 200)
        {
            context.Reject(Errors.InvalidClient, "The client assertion must carry a 'jti' claim, so that it can be used once only.");
            return;
        }

        if (!await ids.FirstUseAsync(Purpose, $"{context.ClientId}\n{jti}", expires, context.CancellationToken))
        {
            context.Reject(Errors.InvalidClient, "This client assertion was already used; sign a new one for each request.");
        }
    }
}
