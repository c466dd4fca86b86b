using System.Text.Json;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Results;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// OidcClient's identity token check (its own validator is a separate package): the signature against the keys
/// the library read from the JWKS endpoint, the issuer, the audience (the client) and the lifetime.
/// </summary>
public sealed class SignedIdentityTokens : IIdentityTokenValidator
{
    public async Task<IdentityTokenValidationResult> ValidateAsync(string identityToken, OidcClientOptions options, CancellationToken cancellationToken = default)
    {
        var keys = new JsonWebKeySet(JsonSerializer.Serialize(options.ProviderInformation.KeySet));
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(identityToken, new TokenValidationParameters
        {
            ValidIssuer = options.ProviderInformation.IssuerName,
            ValidAudience = options.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            NameClaimType = "name",
            RoleClaimType = "role",
        });
        return result.IsValid
            ? new IdentityTokenValidationResult { User = new(result.ClaimsIdentity), SignatureAlgorithm = ((JsonWebToken)result.SecurityToken).Alg }
            : new IdentityTokenValidationResult { Error = "invalid_identity_token", ErrorDescription = result.Exception?.Message };
    }
}
