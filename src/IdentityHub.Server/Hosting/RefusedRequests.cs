namespace IdentityHub.Server.Hosting;

/// <summary>
/// How a request refused before it reaches a page or OpenIddict is answered: the protocol endpoints a
/// portal's back end calls get an OAuth error body (RFC 6749 §5.2); everything a browser opens (pages,
/// the authorization and end-session endpoints) gets the error page with the reason in plain words.
/// </summary>
internal static class RefusedRequests
{
    /// <summary>The plain-words reason the error page shows, kept on the request for its re-execution.</summary>
    public const string ReasonKey = "IdentityHub.RefusedReason";

    /// <summary>The key of the reason's words for people (SignInText), which the error page shows in the page's language.</summary>
    public const string TextKey = "IdentityHub.RefusedReasonText";

    private static readonly string[] BackChannelPaths = ["/connect/token", "/connect/introspect", "/connect/revoke", "/connect/userinfo"];

    /// <summary>Whether the caller is a portal's back end rather than a browser.</summary>
    public static bool IsBackChannel(HttpRequest request) =>
        BackChannelPaths.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether this is the error page shown again for a request already answered (a status-code or
    /// exception re-execution), which carries the same body and headers and must not be refused twice.
    /// </summary>
    public static bool IsErrorPageFor(HttpContext context) =>
        context.Items.ContainsKey(ReasonKey)
        || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
        || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;

    /// <summary>Answers with <paramref name="reason"/> (English, for a portal's back end) or the error page showing the text <paramref name="textKey"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string reason, string textKey)
    {
        context.Response.Clear();
        context.Response.Headers.CacheControl = "no-store";
        if (IsBackChannel(context.Request))
        {
            // An OAuth error is always 400 (415 is not one of its answers).
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "invalid_request",
                ["error_description"] = reason,
            });
            return;
        }

        // The status-code page middleware re-executes /error, which shows this reason.
        context.Items[ReasonKey] = reason;
        context.Items[TextKey] = textKey;
        context.Response.StatusCode = status;
    }
}
