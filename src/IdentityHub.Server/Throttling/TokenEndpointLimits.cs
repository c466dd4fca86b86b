using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// The token endpoint's limit per client id (decision 0012): failed client authentications (401) are
/// counted in the shared store; once a client id passes <c>IdentityHub:RateLimits:TokenClientFailures</c>
/// in a window, every node that sees it answers 429 with <c>Retry-After</c> until the window ends.
/// Successful requests cost nothing (no round trip on the hot path); a node learns of the limit at its
/// own next failure, so across N nodes at most N − 1 extra wrong secrets get checked.
/// </summary>
internal sealed class TokenEndpointLimits(RequestDelegate next)
{
    public const string Policy = "token/client-failures";

    public async Task InvokeAsync(HttpContext context, RateLimits limits, BlockedClients blocked, TimeProvider time)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase)
            || await ClientIdOfAsync(context) is not { Length: > 0 and <= 200 } clientId)
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        if (blocked.Until(clientId, now) is { } until)
        {
            await RefuseAsync(context, until - now);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            var rule = limits.Settings.TokenClientFailures;
            var decision = await limits.CountAsync([new(Policy, rule, RateLimits.Key(clientId))], CancellationToken.None);
            if (decision.Counts[0] >= rule.Limit)
            {
                blocked.Block(clientId, RateLimits.WindowOf(rule, now).End);
            }
        }
    }

    /// <summary>RFC 6749 has no error code for this; the body names it plainly and 429 with Retry-After says it.</summary>
    private static Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        TooManyAttempts.Apply(context, wait);
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = "too_many_requests",
            ["error_description"] = "Too many failed client authentications for this client. Retry after the number of seconds in the Retry-After header.",
        });
    }

    private static async Task<string?> ClientIdOfAsync(HttpContext context)
    {
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return Uri.UnescapeDataString(colon < 0 ? pair : pair[..colon]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form["client_id"].ToString();
    }
}

/// <summary>This node's memory of client ids over the token endpoint's limit, until their window ends.</summary>
public sealed class BlockedClients
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public DateTimeOffset? Until(string clientId, DateTimeOffset now)
    {
        if (!_until.TryGetValue(clientId, out var until))
        {
            return null;
        }

        if (until > now)
        {
            return until;
        }

        _until.TryRemove(clientId, out _);
        return null;
    }

    public void Block(string clientId, DateTimeOffset until) => _until[clientId] = until;
}
