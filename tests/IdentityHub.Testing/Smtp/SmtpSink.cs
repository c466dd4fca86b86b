using Xunit;
using System.Diagnostics;
using MimeKit;

namespace IdentityHub.Testing;

/// <summary>
/// A real SMTP server process: <c>smtp_sink.py</c> on Debian's python3-aiosmtpd, on a free loopback port,
/// saving each message as a .eml file. Accepts the user <see cref="UserName"/> with <see cref="Password"/>.
/// </summary>
public sealed class SmtpSink : IAsyncLifetime
{
    public const string UserName = "relay-user";
    public const string Password = "relay-test-password";

    private Process? _process;

    public int Port { get; private set; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"identityhub-smtp-{Guid.NewGuid():N}");

    /// <summary>Debian's python has aiosmtpd; another python3 (pyenv) may come first on PATH.</summary>
    private static string Python => Environment.GetEnvironmentVariable("IDENTITYHUB_PYTHON") ?? "/usr/bin/python3";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Port = FreeTcpPort.Next();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_sink.py"), Port.ToString(), Folder,
                     "--user", UserName, "--password", Password,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "READY")
        {
            var error = await _process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException(
                $"The SMTP sink did not start (is python3-aiosmtpd installed for {Python}?): {error}");
        }
    }

    /// <summary>Every message received, oldest first (the sink numbers the files in the order received).</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(file => MimeMessage.Load(file))];

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
