using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Access tokens are signed with the active RSA key (RS256), so that APIs can check them against JWKS.
/// OpenIddict signs every token but ID tokens with its first signing key, and prefers symmetric keys:
/// that first key is the server's HS256 key, which rightly signs the tokens only the server reads back
/// (authorization codes, refresh tokens, inside their A256KW encryption) without an RSA private-key
/// operation each. ID tokens already take the first RSA key.
/// </summary>
public sealed class ServerTokenCredentials : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<ServerTokenCredentials>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeIdentifiers.AccessToken)
        {
            context.SigningCredentials = context.Options.SigningCredentials.First(credentials => credentials.Key is AsymmetricSecurityKey);
        }

        return default;
    }
}
