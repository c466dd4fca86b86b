using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace IdentityHub.Admin.Hosting;

/// <summary>
/// A request the API cannot read (a body that is not JSON, a value of the wrong type, a query parameter that
/// does not parse) is a 400 problem naming the field, never a 500.
/// </summary>
internal sealed class UnreadableRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = bad.InnerException is JsonException json
            ? (FieldOf(json.Path), "This value cannot be read here; check its type and spelling.")
            : (null, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request cannot be read",
            Detail = field is null ? message : $"'{field}': {message}",
        };
        if (field is not null)
        {
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>"$.address.postalCode" → "address.postalCode"; the whole body when the path is the root.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.TrimStart('$', '.');
}
