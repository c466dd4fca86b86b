using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IdentityHub.Testing;

/// <summary>
/// One of the solution's apps (the server, a sample portal) run as a real process from its build
/// output, as an operator would run it. Output is kept for assertions and failure messages, and a
/// copy with the time of each line for the results of a failed test; the process is killed on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _log = new();
    private readonly DateTime _started = DateTime.UtcNow;
    private bool _disposed;

    private AppProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>What the app is, for logs and messages: the project's name unless given.</summary>
    public string Name { get; }

    /// <summary>Standard output and error, line by line, as the app wrote them.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The same lines, each after the UTC time it was read at, with the start and the exit noted.</summary>
    public string Log
    {
        get
        {
            lock (_output)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet app.dll</c> for a project of this repository, e.g. "src/IdentityHub.Server".</summary>
    public static AppProcess Start(string project, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        StartNamed(Path.GetFileName(project), project, environment, arguments);

    /// <summary>As <see cref="Start"/>, with a name for its log, e.g. "provider-portal".</summary>
    public static AppProcess StartNamed(string name, string project, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var assembly = RepositoryLayout.BuildOutput(project);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}.");
        var app = new AppProcess(process, name);
        app.Note($"started: dotnet {Path.GetFileName(assembly)} {string.Join(' ', arguments)} (pid {process.Id})".TrimEnd());
        process.OutputDataReceived += (_, line) => app.Append(line.Data);
        process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Waits until <paramref name="url"/> answers (any status) and the port is this app's own, failing
    /// with the app's output. A port chosen free a moment ago can be taken by another process before
    /// the app binds it; the app then exits, and another program would answer in its place.
    /// </summary>
    public async Task WaitUntilServingAsync(Uri url, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                var message = $"{Name} exited with code {_process.ExitCode} before serving {url}:\n{Output}";
                throw Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                    ? new PortInUseException(message)
                    : new InvalidOperationException(message);
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (ListeningSockets.Owns(_process.Id, url.Port) is false)
                {
                    // Answered by another program: this app cannot bind the port and is about to exit.
                    await WaitForExitOrTimeoutAsync(TimeSpan.FromSeconds(10));
                    throw new PortInUseException(
                        $"Port {url.Port} for {Name} ({url}) is held by another process; {Name} did not get it:\n{Output}");
                }

                Note($"serving {url} ({(int)response.StatusCode})");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{Name} did not serve {url} within {limit.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>Waits until the app has written a line matching <paramref name="pattern"/>, and returns the match.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            // Output read before the check of HasExited: a line written just before the exit still counts.
            var match = pattern.Match(Output);
            if (match.Success)
            {
                return match;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                match = pattern.Match(Output);
                return match.Success
                    ? match
                    : throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} without writing /{pattern}/:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not write /{pattern}/ within {limit.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cancel.Token);
        Note($"exited with code {_process.ExitCode}");
        return _process.ExitCode;
    }

    /// <summary>Writes <see cref="Log"/> to a file (its last <paramref name="maxChars"/> characters).</summary>
    public async Task SaveLogAsync(string path, int maxChars = 2_000_000)
    {
        var log = Log;
        if (!_disposed && !_process.HasExited)
        {
            log += Stamp(DateTime.UtcNow) + $" ~~ still running (pid {_process.Id})" + Environment.NewLine;
        }

        var text = log.Length > maxChars ? "(earlier lines left out)" + Environment.NewLine + log[^maxChars..] : log;
        await File.WriteAllTextAsync(path, text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Note("stopped");
        }

        _disposed = true;
        _process.Dispose();
    }

    private async Task WaitForExitOrTimeoutAsync(TimeSpan timeout)
    {
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            _log.Append(Stamp(DateTime.UtcNow)).Append(' ').AppendLine(line);
        }
    }

    private void Note(string what)
    {
        lock (_output)
        {
            _log.Append(Stamp(DateTime.UtcNow)).Append(" ~~ ").Append(Name).Append(' ').AppendLine(what);
        }
    }

    private string Stamp(DateTime now) =>
        now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + $" (+{(now - _started).TotalSeconds,7:0.000}s)";
}

/// <summary>An app could not listen on the port chosen for it: another process took it first.</summary>
public sealed class PortInUseException(string message) : InvalidOperationException(message);
