using System.Data.Common;
using System.Globalization;
using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// While the database cannot be reached, every request that needs it is answered 503 with
/// <c>Retry-After</c> (O6) instead of a 500: a short "try again in a minute" page for people, an
/// OAuth-shaped JSON body for portals' back ends. The page is written here, without the layout or any
/// other request, since those may need the database too. Nothing is cached about the outage: the next
/// request tries the database again, so the server recovers by itself when it is back.
/// </summary>
internal sealed partial class DatabaseOutages(RequestDelegate next, IOptionsMonitor<IdentityHubOptions> options, ILogger<DatabaseOutages> logger)
{
    public const string Error = "temporarily_unavailable";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsOutage(exception) && !context.Response.HasStarted)
        {
            LogOutage(context.Request.Method, context.Request.Path, Describe(exception));
            ForgetBrokenConnections(context);
            await AnswerAsync(context, options.CurrentValue.Database.RetryAfter);
        }
    }

    /// <summary>
    /// Whether the database (not the request) failed: it cannot be reached, it is shutting down, or it
    /// timed out. The provider says so (Npgsql wraps socket errors and timeouts in a transient
    /// NpgsqlException; EF Core may wrap that in turn), so only database exceptions count.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException database && (database.IsTransient || IsConnectionState(database.SqlState)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The answer itself, also used by the authorization endpoint when it cannot go back to the portal and by the
    /// overload limits (with their own <paramref name="description"/> for portals' back ends).
    /// </summary>
    public static async Task AnswerAsync(HttpContext context, TimeSpan retryAfter, string description = "IdentityHub cannot reach its database right now. Try again after the Retry-After delay.")
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (RefusedRequests.IsBackChannel(context.Request))
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = Error,
                ["error_description"] = description,
            });
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(OutagePage.Html(context, retryAfter));
    }

    // 08: connection exception; 57P01-57P03: the server is shutting down, crashed or starting.
    private static bool IsConnectionState(string? state) =>
        state is not null && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal));

    /// <summary>Pooled connections to a server that went away are dead; new ones are opened once it is back.</summary>
    private static void ForgetBrokenConnections(HttpContext context)
    {
        var db = context.RequestServices.GetService<IdentityHubDbContext>();
        if (db?.Database.GetDbConnection() is Npgsql.NpgsqlConnection connection)
        {
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    private static string Describe(Exception exception)
    {
        var cause = exception;
        while (cause.InnerException is not null && cause is not DbException)
        {
            cause = cause.InnerException;
        }

        return cause.GetType().Name + ": " + cause.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable; {Method} {Path} was answered 503. {Cause}")]
    private partial void LogOutage(string method, string path, string cause);
}
