using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace IdentityHub.Server.Connect;

/// <summary>Rebuilds protocol requests as local URLs, to come back to them after a page.</summary>
internal static class ConnectRequests
{
    /// <summary>
    /// The same request as a GET URL (authorization requests may arrive as form posts), leaving out
    /// the parameters named in <paramref name="drop"/> and the prompt values in <paramref name="dropPrompts"/>. A pushed
    /// request's URL holds only client_id and request_uri: <paramref name="pushed"/> then replaces its protected
    /// parameters (<see cref="PushedRequests"/>).
    /// </summary>
    public static string AsLocalUrl(HttpRequest request, IReadOnlyCollection<string>? drop = null, IReadOnlyCollection<string>? dropPrompts = null, string? pushed = null)
    {
        var source = request.HasFormContentType ? request.Form.AsEnumerable() : request.Query.AsEnumerable();
        var query = new QueryBuilder();
        foreach (var (name, values) in source)
        {
            if (drop?.Contains(name) == true || name == "__RequestVerificationToken" || pushed is not null && name == PushedRequests.Parameter)
            {
                continue;
            }

            var kept = name == "prompt" && dropPrompts is not null
                ? new StringValues(string.Join(' ', values.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(dropPrompts)))
                : values;
            if (!StringValues.IsNullOrEmpty(kept))
            {
                query.Add(name, kept.ToArray()!);
            }
        }

        if (pushed is not null)
        {
            query.Add(PushedRequests.Parameter, pushed);
        }

        return request.PathBase + request.Path + query.ToQueryString();
    }

    /// <summary>A parameter as the browser sent it (query string or form), before OpenIddict restored a pushed request.</summary>
    public static string? RawParameter(HttpRequest request, string name)
    {
        var value = request.HasFormContentType ? request.Form[name].ToString() : request.Query[name].ToString();
        return value.Length > 0 ? value : null;
    }
}
