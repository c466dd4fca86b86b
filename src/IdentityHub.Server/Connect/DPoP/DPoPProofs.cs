using IdentityHub.DPoP;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Throttling;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// Checks the <c>DPoP</c> header of a request to one of the server's endpoints with the shared proof validator
/// (IdentityHub.DPoP), the replay cache every node shares (a proof's key and <c>jti</c> are one-time ids until the proof
/// could no longer pass the <c>iat</c> check) and, with <c>IdentityHub:DPoP:RequireNonce</c>, the server's nonces.
/// </summary>
public sealed class DPoPProofs(OneTimeIds ids, DPoPNonces nonces, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    public DPoPOptions Settings => options.CurrentValue.DPoP;

    /// <summary>Whether the request carries a <c>DPoP</c> header at all.</summary>
    public static bool HasProof(HttpRequest request) => request.Headers[DPoPErrors.ProofHeader].Count > 0;

    public async Task<DPoPProofResult> CheckAsync(HttpRequest request, string? accessToken, string? expectedThumbprint, CancellationToken cancellationToken)
    {
        var headers = request.Headers[DPoPErrors.ProofHeader];
        if (headers.Count > 1)
        {
            return DPoPProofResult.Invalid("Send exactly one DPoP header.");
        }

        var settings = Settings;
        var validator = new DPoPProofValidator(
            settings.Validation(),
            new SharedReplays(ids),
            time,
            settings.RequireNonce ? nonces : null);
        return await validator.ValidateAsync(
            new DPoPProofRequest(headers.ToString(), request.Method, EndpointUri(request))
            {
                AccessToken = accessToken,
                ExpectedThumbprint = expectedThumbprint,
            },
            cancellationToken);
    }

    /// <summary>
    /// The URI a client names in <c>htu</c>: the endpoint under the configured issuer (behind a proxy the request's
    /// own address differs), or the request's address when no issuer is set.
    /// </summary>
    public Uri EndpointUri(HttpRequest request)
    {
        if (options.CurrentValue.Issuer is { } issuer)
        {
            var baseUri = issuer.AbsoluteUri.EndsWith('/') ? issuer : new Uri(issuer.AbsoluteUri + "/");
            return new Uri(baseUri, request.Path.Value?.TrimStart('/') ?? "");
        }

        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
    }

    private sealed class SharedReplays(OneTimeIds ids) : IDPoPReplayCache
    {
        public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            await ids.FirstUseAsync("dpop/jti", key, expiresAt, cancellationToken);
    }
}
