namespace IdentityHub.Server.Hosting;

/// <summary>
/// A body ASP.NET Core cannot parse (a malformed multipart body, a value over the size limit) is the
/// caller's mistake: 400 with an OAuth error on the back-channel protocol endpoints, the error page
/// elsewhere. Never a 500.
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
            await RefusedRequests.WriteAsync(context, StatusCodes.Status400BadRequest,
                "The request could not be read: a parameter is malformed or too large.", "Error.Unreadable.Parameter");
        }
    }
}
