using System.Diagnostics;
using IdentityHub.Benchmarks.Machine;

namespace IdentityHub.Benchmarks.Servers;

/// <summary>
/// A server process pinned to one core with <c>taskset</c> (which execs the program, so the process id
/// is the server's own). Its output goes to a log file; it is killed on dispose.
/// </summary>
public sealed class PinnedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private PinnedProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public double CpuSeconds => ProcessStats.CpuSeconds(Id);

    public double PeakRssMegabytes => ProcessStats.PeakRssMegabytes(Id);

    public double RssMegabytes => ProcessStats.RssMegabytes(Id);

    public static PinnedProcess Start(int core, string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("taskset")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", core.ToString(System.Globalization.CultureInfo.InvariantCulture), program }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var pinned = new PinnedProcess(process, log, logPath);
        process.OutputDataReceived += (_, line) => pinned.Append(line.Data);
        process.ErrorDataReceived += (_, line) => pinned.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return pinned;
    }

    /// <summary>Waits until <paramref name="url"/> answers (any status), failing with the log's tail.</summary>
    public async Task WaitUntilServingAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{url.Authority}: the server exited with code {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The server did not answer {url} in time:\n{Tail()}");
    }

    public string Tail(int lines = 40)
    {
        lock (_log)
        {
            _log.Flush();
        }

        return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
