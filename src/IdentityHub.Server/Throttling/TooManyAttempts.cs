using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// The answer to a page request over a limit: 429 with <c>Retry-After</c> and no body, which the status
/// code pages turn into the error page with the wait in plain words.
/// </summary>
public sealed class TooManyAttempts(TimeSpan retryAfter) : IActionResult
{
    private const string ItemKey = "IdentityHub.RetryAfter";

    public Task ExecuteResultAsync(ActionContext context)
    {
        Apply(context.HttpContext, retryAfter);
        return Task.CompletedTask;
    }

    /// <summary>Sets the status and header, and keeps the wait for the error page.</summary>
    public static void Apply(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Items[ItemKey] = TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The wait set by <see cref="Apply"/> for this request, if any.</summary>
    public static TimeSpan? RetryAfterOf(HttpContext http) => http.Items.TryGetValue(ItemKey, out var value) && value is TimeSpan wait ? wait : null;
}
