using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Only tokens the server alone reads back (authorization codes, refresh tokens, and OpenIddict's other
/// internal tokens) are signed with the server's secret HS256 key, inside their A256KW encryption, which
/// spares an RSA private-key operation each. Every other token (access tokens for APIs, and any token
/// type added later, such as logout tokens) is signed with the active RSA key published in JWKS.
/// OpenIddict would otherwise sign every token but ID tokens with its first signing key, and it puts
/// symmetric keys first.
/// </summary>
public sealed class ServerTokenCredentials : IOpenIddictServerHandler<GenerateTokenContext>
{
    private static readonly FrozenSet<string> ReadOnlyByTheServer = new[]
    {
        TokenTypeIdentifiers.Private.AuthorizationCode,
        TokenTypeIdentifiers.Private.DeviceCode,
        TokenTypeIdentifiers.Private.RequestToken,
        TokenTypeIdentifiers.Private.UserCode,
        TokenTypeIdentifiers.RefreshToken,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<ServerTokenCredentials>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.SigningCredentials?.Key is SymmetricSecurityKey && !ReadOnlyByTheServer.Contains(context.TokenType ?? ""))
        {
            context.SigningCredentials = context.Options.SigningCredentials.First(credentials => credentials.Key is AsymmetricSecurityKey);
        }

        return default;
    }
}
