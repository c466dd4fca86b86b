using Microsoft.AspNetCore.Http.Features;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Caps an authorization request's parameters (query string or form body) at <see cref="MaxLength"/>
/// bytes. The endpoint carries them over into URLs (the sign-in page's return URL, the redirect back
/// to authorize), so a larger request would become a Location header and a request line that
/// proxies and Kestrel refuse (Kestrel's request line limit is 8 KB). Refused with 400 invalid_request
/// before anything reads the body.
/// </summary>
internal sealed class AuthorizationRequestLimit(RequestDelegate next)
{
    /// <summary>4 KB: room for a long id_token_hint, state and nonce; the return URL stays under 8 KB.</summary>
    public const int MaxLength = 4096;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/connect/authorize", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (request.QueryString.Value?.Length > MaxLength || request.ContentLength > MaxLength)
        {
            await RefuseAsync(context);
            return;
        }

        // A body without Content-Length (chunked) is cut off by the server at the same size; reading it
        // then fails and UnreadableRequests answers 400 invalid_request.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxLength;
        }

        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = "invalid_request",
            ["error_description"] = $"The authorization request is too large: its parameters may take at most {MaxLength} bytes.",
        });
    }
}
