using System.Text;
using Microsoft.Extensions.Primitives;
using System.Net.Http.Headers;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// No parameter a person or a portal sends holds a control character: PostgreSQL refuses a NUL in any
/// text (error 22021) and the others are never typed. Query values, form fields and the client id and
/// secret of HTTP Basic authentication are checked before any page, OpenIddict or query sees them;
/// a tab and a line break stay allowed, since a text box may hold them.
/// </summary>
internal sealed class ControlCharacters(RequestDelegate next)
{
    public const string Reason = "The request holds a control character (such as NUL) that no parameter may contain.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (RefusedRequests.IsErrorPageFor(context))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var refused = Holds(request.Query) || HoldsInBasicCredentials(request)
            || (request.HasFormContentType && Holds(await ReadFormAsync(request, context.RequestAborted)));
        if (refused)
        {
            await RefusedRequests.WriteAsync(context, StatusCodes.Status400BadRequest, Reason, "Error.Unreadable.ControlCharacter");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Reads the form once for everyone after (it is kept on the request). A multipart body that ends
    /// early fails with an IOException; like any other unreadable body it is the caller's mistake.
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidDataException("The form body could not be read.", exception);
        }
    }

    public static bool IsRefused(char c) => c is < ' ' and not ('\t' or '\n' or '\r') or '\u007f';

    public static bool IsRefused(string? text) => text is not null && text.Any(IsRefused);

    private static bool Holds(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.Any(parameter => IsRefused(parameter.Key) || parameter.Value.Any(IsRefused));

    /// <summary>RFC 6749 §2.3.1: the id and secret are form-encoded, then joined by a colon and Base64-encoded.</summary>
    private static bool HoldsInBasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { } encoded)
        {
            return false;
        }

        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false; // OpenIddict refuses a header it cannot read.
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, length);
        return IsRefused(decoded) || decoded.Split(':').Any(part => IsRefused(Unescape(part)));
    }

    private static string Unescape(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
}
