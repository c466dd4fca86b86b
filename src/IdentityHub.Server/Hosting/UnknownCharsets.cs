using Microsoft.Net.Http.Headers;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Forms are read as UTF-8 (the pages are UTF-8, and OAuth requires it: RFC 6749 appendix B). A body
/// that names another character set (say <c>charset=utf-7</c>, which .NET refuses to decode) is
/// refused before anything reads it: 415 and the error page for a browser, <c>invalid_request</c> for
/// a portal's back end.
/// </summary>
internal sealed class UnknownCharsets(RequestDelegate next)
{
    private static readonly string[] Readable = ["utf-8", "utf8", "us-ascii"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RefusedRequests.IsErrorPageFor(context) && CharsetOf(context.Request) is { } charset && !Readable.Contains(charset, StringComparer.OrdinalIgnoreCase))
        {
            await RefusedRequests.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                "The request names a character set IdentityHub does not read. Send it as UTF-8.");
            return;
        }

        await next(context);
    }

    private static string? CharsetOf(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return null;
        }

        // An unparsable Content-Type is left to the form reader, which refuses it as not a form.
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            ? type.Charset.Value.Trim('"')
            : null;
    }
}
