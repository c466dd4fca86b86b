using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// Every database command the app sends to its database, with the request it ran for (method and path, or
/// "background" outside a request): what one page or token request costs in round trips. It listens to
/// Npgsql's own trace of each command, so it sees EF Core's commands and the Npgsql token stores' alike
/// (a batch of statements is one), and only those sent to this app's database.
/// </summary>
public sealed class CommandLog : IDisposable
{
    /// <summary>The request name of commands run outside a request (start-up, background work).</summary>
    public const string Background = "background";

    private readonly ConcurrentQueue<(string Request, string Sql, bool Prepared)> _commands = new();
    private readonly HttpContextAccessor _http = new();
    private readonly ActivityListener _listener;
    private readonly string _database;

    public CommandLog(string database)
    {
        _database = database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<(string Request, string Sql)> Commands => [.. _commands.Select(c => (c.Request, c.Sql))];

    /// <summary>The commands with whether Npgsql ran each from a statement prepared on its connection.</summary>
    public IReadOnlyList<(string Request, string Sql, bool Prepared)> Entries => [.. _commands];

    public void Clear() => _commands.Clear();

    // Stopped runs in the command's own async flow, so the request is the one that sent it.
    private void Stopped(Activity activity)
    {
        if (activity.GetTagItem("db.namespace") as string != _database || activity.GetTagItem("db.query.text") is not string sql)
        {
            return;
        }

        var request = _http.HttpContext?.Request is { } r ? $"{r.Method} {r.Path}{(r.Query.ContainsKey("handler") ? "?handler=" + r.Query["handler"] : "")}" : Background;
        _commands.Enqueue((request, sql, activity.GetTagItem("db.npgsql.prepared") is true));
    }

    /// <summary>The commands per request, in order, for a failure message.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, Commands.GroupBy(c => c.Request).Select(g => $"{g.Count(),3}  {g.Key}" + Environment.NewLine +
            string.Join(Environment.NewLine, g.Select(c => "       " + OneLine(c.Sql)))));

    public void Dispose() => _listener.Dispose();

    private static string OneLine(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
