using Microsoft.Net.Http.Headers;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Forms are read as UTF-8 (the pages are UTF-8, and OAuth requires it: RFC 6749 appendix B). A body
/// that names another character set (say <c>charset=utf-7</c>, which .NET refuses to decode), or whose
/// Content-Type does not parse at all (<c>application/x-www-form-urlencoded;;;</c>, which OpenIddict
/// would still try to read as a form), is refused before anything reads it: 415 and the error page for
/// a browser, <c>invalid_request</c> for a portal's back end.
/// </summary>
internal sealed class UnreadableContentTypes(RequestDelegate next)
{
    private static readonly string[] Readable = ["utf-8", "utf8", "us-ascii"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RefusedRequests.IsErrorPageFor(context) && ProblemOf(context.Request.ContentType) is { } problem)
        {
            await RefusedRequests.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, problem.Reason, problem.TextKey);
            return;
        }

        await next(context);
    }

    /// <summary>The reason in English (for a portal's back end) and the key of its words for people.</summary>
    private static (string Reason, string TextKey)? ProblemOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return ("The request's Content-Type cannot be read. Send a form as application/x-www-form-urlencoded in UTF-8.", "Error.Unreadable.ContentType");
        }

        return type.Charset.HasValue && !Readable.Contains(type.Charset.Value.Trim('"'), StringComparer.OrdinalIgnoreCase)
            ? ("The request names a character set IdentityHub does not read. Send it as UTF-8.", "Error.Unreadable.Charset")
            : null;
    }
}
