using System.Diagnostics;
using System.Text;

namespace IdentityHub.Testing;

/// <summary>
/// One of the solution's apps (the server, a sample portal) run as a real process from its build
/// output, as an operator would run it. Output is kept for assertions and failure messages; the
/// process is killed on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process) => _process = process;

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

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet app.dll</c> for a project of this repository, e.g. "src/IdentityHub.Server".</summary>
    public static AppProcess Start(string project, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
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
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, line) => app.Append(line.Data);
        process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until <paramref name="url"/> answers (any status), failing with the app's output.</summary>
    public async Task WaitUntilServingAsync(Uri url, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before serving {url}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(url);
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

        throw new TimeoutException($"The app did not serve {url} in time:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
        }
    }
}
