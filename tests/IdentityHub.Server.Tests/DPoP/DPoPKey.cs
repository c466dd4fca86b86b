using System.Security.Cryptography;
using System.Text.Json;
using IdentityHub.DPoP;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>What a client holds for DPoP: a key pair, and the proofs it signs with it (RFC 9449 §4.2).</summary>
public sealed class DPoPKey
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private DPoPKey(AsymmetricSecurityKey key, JsonWebKey publicJwk, string algorithm)
    {
        Key = key;
        PublicJwk = publicJwk;
        Algorithm = algorithm;
    }

    public AsymmetricSecurityKey Key { get; }

    public JsonWebKey PublicJwk { get; }

    public string Algorithm { get; }

    /// <summary>The RFC 7638 thumbprint the server binds tokens to.</summary>
    public string Thumbprint => DPoPProofValidator.Thumbprint(PublicJwk);

    public static DPoPKey EC()
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ECDsa.ExportParameters(false))));
        return new DPoPKey(key, jwk, SecurityAlgorithms.EcdsaSha256);
    }

    public static DPoPKey Rsa(string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var rsa = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return new DPoPKey(new RsaSecurityKey(rsa), jwk, algorithm);
    }

    /// <summary>A proof for one request; every part can be changed to make a bad one.</summary>
    public string Proof(
        string method,
        string uri,
        DateTimeOffset issuedAt,
        string? accessToken = null,
        string? nonce = null,
        string? jti = null,
        string? type = DPoPErrors.ProofType,
        Dictionary<string, object>? jwk = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = uri,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            claims["ath"] = DPoPProofValidator.AccessTokenHash(accessToken);
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = type,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = jwk ?? PublicJwkMembers() },
            SigningCredentials = new SigningCredentials(Key, Algorithm),
        });
    }

    /// <summary>The public JWK as header members (no kid: the key itself is the identity).</summary>
    public Dictionary<string, object> PublicJwkMembers() => PublicJwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve
        ? new() { ["kty"] = PublicJwk.Kty, ["crv"] = PublicJwk.Crv, ["x"] = PublicJwk.X, ["y"] = PublicJwk.Y }
        : new() { ["kty"] = PublicJwk.Kty, ["n"] = PublicJwk.N, ["e"] = PublicJwk.E };

    /// <summary>The <c>jkt</c> inside a token's <c>cnf</c> claim.</summary>
    public static string? BoundThumbprintOf(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        return token.TryGetPayloadValue<JsonElement>("cnf", out var cnf) ? cnf.GetProperty("jkt").GetString() : null;
    }
}
