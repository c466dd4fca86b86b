using System.Collections.Frozen;
using IdentityHub.Core.Clients;
using IdentityHub.Core.Keys;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Keys;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Picks the key that signs each token (decision 0043). Tokens the server alone reads back (authorization codes,
/// refresh tokens, and OpenIddict's other internal tokens) keep the server's secret HS256 key, inside their A256KW
/// encryption, which spares a private-key operation each. An ID token is signed with the active key of the algorithm
/// its client chose (<c>id_token_signed_response_alg</c>, RS256 by default); an access token with the one its API
/// chose (<c>ApiResources:N:AccessTokenSigningAlgorithm</c>), or RS256 when its audiences chose differently (RS256 is
/// what every API accepts by default) or name no configured API (the SMART FHIR API among them). Anything else (such
/// as a token type added later) is RS256. OpenIddict would otherwise sign every token but ID tokens with its first
/// signing key, and it puts symmetric keys first.
/// </summary>
public sealed class ServerTokenCredentials(
    ActiveSigningKeys keys,
    IOpenIddictApplicationManager applications,
    IOptionsMonitor<IdentityHubOptions> options) : IOpenIddictServerHandler<GenerateTokenContext>
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
        .UseScopedHandler<ServerTokenCredentials>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (ReadOnlyByTheServer.Contains(context.TokenType ?? ""))
        {
            return;
        }

        var algorithm = context.TokenType switch
        {
            TokenTypeIdentifiers.IdentityToken => await ClientChoiceAsync(context),
            TokenTypeIdentifiers.AccessToken => ApiChoice(context.Principal.GetAudiences()),
            _ => TokenSigningAlgorithms.Default,
        };
        context.SigningCredentials = keys.For(algorithm);
    }

    private async ValueTask<string> ClientChoiceAsync(GenerateTokenContext context)
    {
        var clientId = context.ClientId ?? (context.Principal.GetAudiences() is [var audience] ? audience : null);
        if (clientId is null || await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not { } application)
        {
            return TokenSigningAlgorithms.Default;
        }

        var settings = ClientSettings.From(await applications.GetPropertiesAsync(application, context.CancellationToken));
        return TokenSigningAlgorithms.IsSupported(settings.IdTokenSigningAlgorithm) ? settings.IdTokenSigningAlgorithm! : TokenSigningAlgorithms.Default;
    }

    private string ApiChoice(IEnumerable<string> audiences)
    {
        var resources = options.CurrentValue.ApiResources;
        var chosen = audiences
            .Select(audience => resources.Find(resource => resource.Name == audience)?.AccessTokenSigningAlgorithm ?? TokenSigningAlgorithms.Default)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return chosen is [var only] && TokenSigningAlgorithms.IsSupported(only) ? only : TokenSigningAlgorithms.Default;
    }
}
