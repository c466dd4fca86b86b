using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace IdentityHub.DPoP;

/// <summary>
/// DPoP for an API that validates IdentityHub's access tokens with ASP.NET Core's JwtBearer handler: accepts the
/// <c>DPoP</c> authorization scheme, checks the proof against the token's <c>cnf.jkt</c> (RFC 9449 §7), refuses a
/// DPoP-bound token sent as a plain bearer token, and answers failures with a <c>DPoP</c> challenge.
/// </summary>
public static class DPoPJwtBearer
{
    private const string SchemeItem = "IdentityHub.DPoP.Scheme";
    private const string TokenItem = "IdentityHub.DPoP.Token";
    private const string ErrorItem = "IdentityHub.DPoP.Error";

    /// <summary>
    /// Registers <see cref="DPoPProofValidator"/> with an in-memory replay cache (replace
    /// <see cref="IDPoPReplayCache"/> to share one between nodes) and the system clock.
    /// </summary>
    public static IServiceCollection AddDPoPProofValidation(this IServiceCollection services, Action<DPoPValidationOptions>? configure = null)
    {
        var options = new DPoPValidationOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDPoPReplayCache>(provider => new InMemoryDPoPReplayCache(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new DPoPProofValidator(
            options,
            provider.GetRequiredService<IDPoPReplayCache>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IDPoPNonceValidator>()));
        return services;
    }

    /// <summary>
    /// Makes this JwtBearer scheme accept DPoP-bound tokens (call <see cref="AddDPoPProofValidation"/> too). With
    /// <paramref name="requireDPoP"/>, plain bearer tokens are refused altogether.
    /// </summary>
    public static JwtBearerOptions AcceptDPoP(this JwtBearerOptions options, bool requireDPoP = false)
    {
        var events = options.Events ?? new JwtBearerEvents();
        var received = events.OnMessageReceived;
        var validated = events.OnTokenValidated;
        var challenge = events.OnChallenge;

        events.OnMessageReceived = async context =>
        {
            string? header = context.Request.Headers.Authorization;
            if (header is not null && header.StartsWith(DPoPErrors.Scheme + " ", StringComparison.OrdinalIgnoreCase))
            {
                context.Token = header[(DPoPErrors.Scheme.Length + 1)..].Trim();
                context.HttpContext.Items[SchemeItem] = DPoPErrors.Scheme;
                context.HttpContext.Items[TokenItem] = context.Token;
            }

            await received(context);
        };

        events.OnTokenValidated = async context =>
        {
            var http = context.HttpContext;
            var thumbprint = BoundThumbprint(context.Principal?.FindFirst("cnf")?.Value);
            var error = (http.Items[SchemeItem] is not null, thumbprint) switch
            {
                (true, null) => (DPoPErrors.InvalidProof, "The access token is not DPoP-bound; send it with the Bearer scheme."),
                (false, not null) => ("invalid_token", "The access token is DPoP-bound; send it with the DPoP scheme and a proof."),
                (false, null) when requireDPoP => ("invalid_token", "This API accepts DPoP-bound access tokens only."),
                _ => default,
            };

            if (error == default && thumbprint is not null)
            {
                var proofs = http.Request.Headers[DPoPErrors.ProofHeader];
                var result = proofs.Count > 1
                    ? DPoPProofResult.Invalid("Send exactly one DPoP header.")
                    : await http.RequestServices.GetRequiredService<DPoPProofValidator>().ValidateAsync(
                        new DPoPProofRequest(proofs.ToString(), http.Request.Method, new Uri(http.Request.GetEncodedUrl()))
                        {
                            AccessToken = http.Items[TokenItem] as string,
                            ExpectedThumbprint = thumbprint,
                        },
                        http.RequestAborted);
                error = result.Succeeded ? default : (result.Error!, result.ErrorDescription!);
            }

            if (error != default)
            {
                http.Items[ErrorItem] = error;
                context.Fail(error.Item2);
                return;
            }

            await validated(context);
        };

        events.OnChallenge = async context =>
        {
            var http = context.HttpContext;
            if (http.Items[ErrorItem] is (string error, string description))
            {
                context.HandleResponse();
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.Append(HeaderNames.WWWAuthenticate, Challenge(error, description));
                return;
            }

            if (requireDPoP || http.Items[SchemeItem] is not null)
            {
                context.HandleResponse();
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.Append(HeaderNames.WWWAuthenticate, context.Error is { } bearerError
                    ? Challenge(bearerError, context.ErrorDescription ?? "The access token is not valid.")
                    : $"{DPoPErrors.Scheme} algs=\"{string.Join(' ', DPoPValidationOptions.DefaultAlgorithms)}\"");
                return;
            }

            await challenge(context);
        };

        options.Events = events;
        return options;
    }

    /// <summary>The <c>WWW-Authenticate</c> value for a refused DPoP request (RFC 9449 §7.1).</summary>
    public static string Challenge(string error, string description) =>
        $"{DPoPErrors.Scheme} error=\"{error}\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\", algs=\"{string.Join(' ', DPoPValidationOptions.DefaultAlgorithms)}\"";

    /// <summary>The <c>jkt</c> of a token's <c>cnf</c> claim (RFC 9449 §6.1), or null when the token is not bound.</summary>
    public static string? BoundThumbprint(string? confirmation)
    {
        if (string.IsNullOrEmpty(confirmation))
        {
            return null;
        }

        try
        {
            using var cnf = JsonDocument.Parse(confirmation);
            return cnf.RootElement.ValueKind == JsonValueKind.Object && cnf.RootElement.TryGetProperty("jkt", out var jkt) && jkt.ValueKind == JsonValueKind.String
                ? jkt.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
