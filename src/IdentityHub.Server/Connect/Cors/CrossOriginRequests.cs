using Microsoft.Net.Http.Headers;

namespace IdentityHub.Server.Connect.Cors;

/// <summary>
/// CORS (P12) for the endpoints a browser app calls from script: discovery, JWKS, token, userinfo, revocation,
/// introspection and pushed authorization. A request whose <c>Origin</c> a client registered gets
/// <c>Access-Control-Allow-Origin</c> with that exact origin (never <c>*</c>, never credentials); a preflight
/// (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) is answered here with 204, before anything reads a
/// body or counts a rate limit. Any other origin gets no CORS header at all, so the browser keeps the answer from
/// the script. Every other path is left alone.
/// </summary>
internal sealed class CrossOriginRequests(RequestDelegate next, BrowserOrigins origins)
{
    public static readonly string[] Paths =
    [
        "/.well-known/openid-configuration", "/.well-known/jwks", "/connect/token", "/connect/userinfo",
        "/connect/revoke", "/connect/introspect", "/connect/par", Smart.SmartConfigurationEndpoint.Path,
    ];

    /// <summary>How long a browser may reuse a preflight answer (seconds).</summary>
    public const int MaxAgeSeconds = 600;

    private const string AllowedMethods = "GET, POST";
    private const string AllowedHeaders = "authorization, content-type, dpop";
    private const string ExposedHeaders = "DPoP-Nonce, WWW-Authenticate";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Paths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        // The answer differs by origin: caches must not hand one origin's answer to another.
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var origin = request.Headers.Origin.ToString();
        var allowed = origin.Length > 0 && await origins.IsAllowedAsync(origin, context.RequestAborted);
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            if (allowed)
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlAllowMethods = AllowedMethods;
                headers.AccessControlAllowHeaders = AllowedHeaders;
                headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        if (allowed)
        {
            // Set as the answer starts, so error answers (and headers cleared by an error handler) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlExposeHeaders = ExposedHeaders;
                if (!headers.Vary.ToString().Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))
                {
                    headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                }

                return Task.CompletedTask;
            });
        }

        await next(context);
    }
}
