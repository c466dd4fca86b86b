using System.Collections.Concurrent;
using IdentityHub.Hosting.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>
/// Every log line of a test server at every level, as the production JSON console formatter writes it: message,
/// named values, scopes and exception text, after redaction. What an operator's log collector would store.
/// </summary>
public sealed class FormattedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly RedactingJsonFormatter _formatter = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Only for showing the scan works: a line written as is, around the formatter.</summary>
    public void AddUnformatted(string line) => _lines.Enqueue(line);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(FormattedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter();
            logs._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), logs._scopes, line);
            if (line.GetStringBuilder().Length > 0)
            {
                logs._lines.Enqueue(line.ToString());
            }
        }
    }
}
