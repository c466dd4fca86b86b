using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Two requests changed the same record at the same moment (two tabs, a double click): the one that
/// lost gets 409 and the error page saying so, with nothing more saved, rather than a 500. A portal's
/// back end gets <c>invalid_request</c> and may simply try again.
/// </summary>
internal sealed class ConcurrentChanges(RequestDelegate next, ILogger<ConcurrentChanges> logger)
{
    public const string Reason = "What you changed was changed at the same time somewhere else (perhaps in another tab). "
        + "Nothing more was saved from this request. Go back, reload the page and try again.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsConflict(exception) && !context.Response.HasStarted)
        {
            logger.LogInformation("A concurrent change of the same record refused {Method} {Path}.", context.Request.Method, context.Request.Path);
            await RefusedRequests.WriteAsync(context, StatusCodes.Status409Conflict, Reason, "Error.Conflict.Message");
        }
    }

    private static bool IsConflict(Exception exception) => exception is DbUpdateConcurrencyException or ConcurrentChangeException
        || exception.InnerException is DbUpdateConcurrencyException;
}

/// <summary>
/// Thrown where ASP.NET Core Identity reports its <c>ConcurrencyFailure</c> result and the request
/// cannot go on; <see cref="ConcurrentChanges"/> answers it.
/// </summary>
public sealed class ConcurrentChangeException(string message) : Exception(message)
{
    public const string IdentityCode = "ConcurrencyFailure";

    /// <summary>Whether an Identity result failed only because the record changed in the meantime.</summary>
    public static bool IsConcurrencyFailure(Microsoft.AspNetCore.Identity.IdentityResult result) =>
        !result.Succeeded && result.Errors.Any(error => error.Code == IdentityCode);
}
