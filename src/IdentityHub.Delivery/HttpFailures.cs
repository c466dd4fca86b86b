using System.Net;

namespace IdentityHub.Delivery;

/// <summary>How HTTP-based channels turn a failed request into a <see cref="ChannelResult"/>.</summary>
internal static class HttpFailures
{
    /// <summary>429, 408 and 5xx are worth retrying; any other status is not.</summary>
    public static ChannelResult FromStatus(HttpStatusCode status, string reason)
    {
        var code = (int)status;
        return code is 408 or 429 or >= 500
            ? new ChannelResult.TransientFailure(reason)
            : new ChannelResult.PermanentFailure(reason);
    }

    /// <summary>Connection refused, DNS failure, reset, or the HttpClient's own timeout.</summary>
    public static ChannelResult FromException(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: var error } => new ChannelResult.TransientFailure($"HTTP request failed: {error}"),
        TaskCanceledException => new ChannelResult.TransientFailure("HTTP request timed out"),
        _ => new ChannelResult.TransientFailure($"HTTP request failed: {exception.GetType().Name}"),
    };
}
