using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// A script of Interop/node run with Node.js as a process of its own: it prints one JSON object a line (each with
/// a "step"), and reads lines the test writes. Killed on dispose; what it printed is kept for failure messages.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    /// <summary>How long one step may take on a busy machine (a first request to the server JITs, reads keys...).</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _output = new();

    private NodeScript(Process process) => _process = process;

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

    public static async Task<NodeScript> StartAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        await NodeLibraries.EnsureInstalledAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeLibraries.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node (./build.sh test installs Node.js).");
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, line) => node.Received(line.Data, isOutput: true);
        process.ErrorDataReceived += (_, line) => node.Received(line.Data, isOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next line the script prints, which must be the step named (an "error" step fails the test with its message).</summary>
    public async Task<JsonElement> StepAsync(string step)
    {
        using var limit = new CancellationTokenSource(StepTimeout);
        while (true)
        {
            string line;
            try
            {
                line = await _lines.Reader.ReadAsync(limit.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
            {
                throw new Xunit.Sdk.XunitException($"The script printed no '{step}' step (it {(_process.HasExited ? "exited" : "is still running")}):\n{Output}");
            }

            JsonElement parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<JsonElement>(line);
            }
            catch (JsonException)
            {
                // A library's own warning on stdout, not one of the script's steps.
                continue;
            }

            var name = parsed.TryGetProperty("step", out var value) ? value.GetString() : null;
            if (name == step)
            {
                return parsed;
            }

            throw new Xunit.Sdk.XunitException($"Expected the '{step}' step, the script printed: {line}\n{Output}");
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
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

    private void Received(string? line, bool isOutput)
    {
        if (line is null)
        {
            // The end of the stream: the script has exited.
            if (isOutput)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (_output)
        {
            _output.AppendLine(isOutput ? line : "stderr: " + line);
        }

        if (isOutput)
        {
            _lines.Writer.TryWrite(line);
        }
    }
}
