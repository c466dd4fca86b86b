using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Access and identity tokens are self-contained signed JWTs that APIs and portals check on their own,
/// so by default no database row is written for each of them (as oidc-provider, Duende and Keycloak
/// do); they are valid until they expire (<c>IdentityHub:Tokens:AccessTokenLifetime</c>, 10 minutes).
/// Codes and refresh tokens are always stored, so redemption, rotation and revocation work as before.
/// With <c>IdentityHub:Tokens:StoreAccessTokens</c> every token is stored and introspection and userinfo
/// refuse an access token as soon as it is revoked, at the cost of two database writes per token.
/// </summary>
public sealed class SelfContainedTokens(IOptionsMonitor<IdentityHubOptions> options) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<SelfContainedTokens>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (!options.CurrentValue.Tokens.StoreAccessTokens && !context.IsReferenceToken &&
            context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
