using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// Every database command the app's contexts run, with the request it ran for (method and path, or
/// "background" outside a request): what one page or token request costs in round trips.
/// </summary>
public sealed class CommandLog(IHttpContextAccessor http) : DbCommandInterceptor
{
    /// <summary>The request name of commands run outside a request (start-up, background work).</summary>
    public const string Background = "background";

    private readonly ConcurrentQueue<(string Request, string Sql)> _commands = new();

    public IReadOnlyList<(string Request, string Sql)> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    /// <summary>Called once for every command EF Core is about to send (a batch of statements is one).</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        var request = http.HttpContext?.Request is { } r ? $"{r.Method} {r.Path}{(r.Query.ContainsKey("handler") ? "?handler=" + r.Query["handler"] : "")}" : Background;
        _commands.Enqueue((request, result.CommandText));
        return result;
    }

    /// <summary>The commands per request, in order, for a failure message.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, Commands.GroupBy(c => c.Request).Select(g => $"{g.Count(),3}  {g.Key}" + Environment.NewLine +
            string.Join(Environment.NewLine, g.Select(c => "       " + OneLine(c.Sql)))));

    private static string OneLine(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
