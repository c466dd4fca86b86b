using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// Accepts the <c>private_key_jwt</c> client assertions certified client libraries send today: without a <c>typ</c>
/// header or with the generic <c>JWT</c> (openid-client, Microsoft's JWT handler), where OpenIddict 7 accepts only
/// the explicit <c>client-authentication+jwt</c> of RFC 7523bis. Only when the assertion's audience is exactly this
/// server's issuer, the one value RFC 7523bis allows, so the audience-injection attack the explicit type guards
/// against stays closed; any other declared type is still refused. Decision 0037.
/// </summary>
public sealed class GenericClientAssertions : IOpenIddictServerHandler<ValidateTokenContext>
{
    /// <summary>The generic JWT type (RFC 7519 §5.1).</summary>
    private const string GenericType = "JWT";

    /// <summary>The explicit type of RFC 7523bis, the only one OpenIddict 7 accepts.</summary>
    private const string ExplicitType = "client-authentication+jwt";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<GenericClientAssertions>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)
            || context.TokenValidationParameters is not { ValidTypes: { } types } parameters
            || !types.Contains(ExplicitType, StringComparer.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(context.Token) || !Generic(context.Token, out var audience)
            || (context.Options.Issuer ?? context.BaseUri) is not { } issuer || !IsIssuer(audience, issuer))
        {
            return default;
        }

        // The token is then read as the explicit type (a generic type would be taken for an identity token).
        var widened = parameters.Clone();
        var typeValidator = parameters.TypeValidator;
        widened.TypeValidator = (type, token, validation) =>
            string.IsNullOrEmpty(type) || string.Equals(type, GenericType, StringComparison.OrdinalIgnoreCase) ? ExplicitType
            : typeValidator is null ? type : typeValidator(type, token, validation);
        context.TokenValidationParameters = widened;
        return default;
    }

    /// <summary>Whether the token is a JWT whose typ is absent or generic; its single audience, if it has one.</summary>
    private static bool Generic(string token, out string? audience)
    {
        audience = null;
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // Not a JWT: OpenIddict refuses it as it would have.
            return false;
        }

        var type = jwt.TryGetHeaderValue<string>(JwtHeaderParameterNames.Typ, out var typ) ? typ : null;
        if (!string.IsNullOrEmpty(type) && !string.Equals(type, GenericType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var audiences = jwt.Audiences.ToList();
        audience = audiences.Count == 1 ? audiences[0] : null;
        return true;
    }

    private static bool IsIssuer(string? audience, Uri issuer) =>
        audience is not null && (string.Equals(audience, issuer.AbsoluteUri, StringComparison.Ordinal)
            || (issuer.AbsolutePath == "/" && string.Equals(audience, issuer.AbsoluteUri[..^1], StringComparison.Ordinal)));
}
