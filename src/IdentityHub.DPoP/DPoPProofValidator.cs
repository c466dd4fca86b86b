using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.DPoP;

/// <summary>
/// Checks a DPoP proof as RFC 9449 §4.3 lists: one well-formed JWT typed <c>dpop+jwt</c>, signed with an accepted
/// asymmetric algorithm by the public key in its <c>jwk</c> header, naming this request's method and URI, issued
/// within <see cref="DPoPValidationOptions.MaxAge"/>, carrying the access token's hash when one is presented, made
/// with the key the token is bound to, with the server's nonce when it asks for one, and never seen before.
/// The token server and resource servers share this code.
/// </summary>
public sealed class DPoPProofValidator(DPoPValidationOptions options, IDPoPReplayCache replays, TimeProvider time, IDPoPNonceValidator? nonces = null)
{
    /// <summary>A proof longer than this is refused unread (a generous bound: an RSA-4096 key and the claims fit in 2 KB).</summary>
    public const int MaxProofLength = 8 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();
    private static readonly string[] PrivateKeyMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public async Task<DPoPProofResult> ValidateAsync(DPoPProofRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Proof))
        {
            return DPoPProofResult.Invalid("A DPoP proof is required: send one in the 'DPoP' header.");
        }

        if (request.Proof.Length > MaxProofLength || !Handler.CanReadToken(request.Proof))
        {
            return DPoPProofResult.Invalid("The DPoP proof is not a well-formed JWT.");
        }

        JsonWebToken proof;
        JsonWebKey key;
        try
        {
            proof = new JsonWebToken(request.Proof);
            if (ReadKey(proof, out var problem) is not { } read)
            {
                return DPoPProofResult.Invalid(problem!);
            }

            key = read;
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return DPoPProofResult.Invalid("The DPoP proof is not a well-formed JWT.");
        }

        if (!string.Equals(proof.Typ, DPoPErrors.ProofType, StringComparison.OrdinalIgnoreCase))
        {
            return DPoPProofResult.Invalid("The DPoP proof's 'typ' header must be 'dpop+jwt'.");
        }

        if (!options.Algorithms.Contains(proof.Alg, StringComparer.Ordinal))
        {
            return DPoPProofResult.Invalid($"The DPoP proof's 'alg' must be one of: {string.Join(", ", options.Algorithms)}.");
        }

        var signature = await Handler.ValidateTokenAsync(proof, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = options.Algorithms,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = true,
            ValidTypes = [DPoPErrors.ProofType],
        });
        if (!signature.IsValid)
        {
            return DPoPProofResult.Invalid("The DPoP proof's signature does not verify with the key in its 'jwk' header.");
        }

        if (!proof.TryGetPayloadValue<string>("jti", out var jti) || jti is not { Length: > 0 and <= 256 })
        {
            return DPoPProofResult.Invalid("The DPoP proof must carry a 'jti' (a unique identifier of up to 256 characters).");
        }

        if (!proof.TryGetPayloadValue<string>("htm", out var htm) || !string.Equals(htm, request.Method, StringComparison.Ordinal))
        {
            return DPoPProofResult.Invalid($"The DPoP proof's 'htm' must be the request's method, '{request.Method}'.");
        }

        if (!proof.TryGetPayloadValue<string>("htu", out var htu) || !SameTarget(htu, request.Uri))
        {
            return DPoPProofResult.Invalid($"The DPoP proof's 'htu' must be the request's URI without query and fragment, '{Target(request.Uri)}'.");
        }

        var now = time.GetUtcNow();
        if (IssuedAt(proof) is not { } issuedAt)
        {
            return DPoPProofResult.Invalid("The DPoP proof must carry 'iat', the time it was made in seconds since 1970.");
        }

        if (issuedAt < now - options.MaxAge || issuedAt > now + options.ClockSkew)
        {
            return DPoPProofResult.Invalid($"The DPoP proof's 'iat' is not within {options.MaxAge.TotalSeconds:0} seconds of the server's time; make a new proof for each request.");
        }

        if (request.AccessToken is { } accessToken
            && (!proof.TryGetPayloadValue<string>("ath", out var ath) || !string.Equals(ath, AccessTokenHash(accessToken), StringComparison.Ordinal)))
        {
            return DPoPProofResult.Invalid("The DPoP proof's 'ath' must be the base64url SHA-256 hash of the access token.");
        }

        var thumbprint = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        if (request.ExpectedThumbprint is { } expected && !string.Equals(expected, thumbprint, StringComparison.Ordinal))
        {
            return DPoPProofResult.Invalid("The DPoP proof is signed with another key than the one the token is bound to.");
        }

        if (nonces is not null)
        {
            proof.TryGetPayloadValue<string>("nonce", out var nonce);
            if (!await nonces.IsValidAsync(nonce, cancellationToken))
            {
                return DPoPProofResult.NonceNeeded(nonce is null
                    ? "The DPoP proof must carry the nonce given in the 'DPoP-Nonce' header."
                    : "The DPoP proof's nonce has expired; use the one given in the 'DPoP-Nonce' header.");
            }
        }

        // Remembered as long as the proof could pass the iat check, so every replay within that time is caught.
        if (!await replays.TryAddAsync(ReplayKey(thumbprint, jti), issuedAt + options.MaxAge + options.ClockSkew, cancellationToken))
        {
            return DPoPProofResult.Invalid("This DPoP proof has been used before; make a new proof (with a new 'jti') for each request.");
        }

        return DPoPProofResult.Valid(thumbprint);
    }

    /// <summary>The <c>ath</c> of an access token: base64url SHA-256 of its ASCII bytes (RFC 9449 §4.2).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>The RFC 7638 thumbprint of a public JWK given as JSON, base64url: what <c>cnf.jkt</c> holds.</summary>
    public static string Thumbprint(JsonWebKey key) => Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());

    /// <summary>The replay cache's key: a hash, so the cache holds neither thumbprints nor identifiers and keys have one length.</summary>
    public static string ReplayKey(string thumbprint, string jti) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint + " " + jti)));

    /// <summary>The request URI as <c>htu</c> names it: scheme, host, port and path.</summary>
    public static string Target(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static bool SameTarget(string htu, Uri request) =>
        Uri.TryCreate(htu, UriKind.Absolute, out var claimed)
        && (claimed.Scheme == Uri.UriSchemeHttps || claimed.Scheme == Uri.UriSchemeHttp)
        && Uri.Compare(claimed, request, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.SafeUnescaped, StringComparison.Ordinal) == 0;

    private static DateTimeOffset? IssuedAt(JsonWebToken proof)
    {
        if (proof.TryGetPayloadValue<long>("iat", out var seconds))
        {
            return seconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }

        return proof.TryGetPayloadValue<double>("iat", out var fractional) && fractional is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds((long)fractional)
            : null;
    }

    /// <summary>The public key in the <c>jwk</c> header: EC or RSA, and never with private members.</summary>
    private static JsonWebKey? ReadKey(JsonWebToken proof, out string? problem)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(proof.EncodedHeader));
        if (!header.RootElement.TryGetProperty("jwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object)
        {
            problem = "The DPoP proof must carry its public key in the 'jwk' header.";
            return null;
        }

        if (PrivateKeyMembers.Any(member => jwk.TryGetProperty(member, out _)))
        {
            problem = "The DPoP proof's 'jwk' header must hold a public key only, never private or symmetric key material.";
            return null;
        }

        var key = new JsonWebKey(jwk.GetRawText());
        if (key.Kty is not (JsonWebAlgorithmsKeyTypes.EllipticCurve or JsonWebAlgorithmsKeyTypes.RSA))
        {
            problem = "The DPoP proof's 'jwk' must be an EC or RSA public key.";
            return null;
        }

        problem = null;
        return key;
    }
}
