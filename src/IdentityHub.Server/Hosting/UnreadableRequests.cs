namespace IdentityHub.Server.Hosting;

/// <summary>
/// A body ASP.NET Core cannot parse (a NUL byte in a form value, a value over the size limit) is the
/// caller's mistake: 400 with an OAuth error on the protocol endpoints, the error page elsewhere.
/// Never a 500.
/// </summary>
internal sealed class UnreadableRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
                {
                    ["error"] = "invalid_request",
                    ["error_description"] = "The request could not be read: a parameter is malformed or too large.",
                });
            }
        }
    }
}
