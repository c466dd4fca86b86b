using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdentityHub.Testing;

namespace IdentityHub.EndToEnd.Tests.Cluster;

/// <summary>
/// The local cluster of deploy/local, started once for the collection with <c>deploy/local/up --no-build</c> and
/// stopped with <c>deploy/local/down</c>: PostgreSQL, PgBouncer in transaction mode, two token-server nodes, the
/// admin host and nginx in front, all on free ports, its state in a temporary folder. The scripts themselves
/// are what is tested, so everything about the cluster is read from what they leave there (cluster.env, logs).
/// </summary>
public sealed partial class LocalCluster : IAsyncLifetime, ILandscapeLogs
{
    /// <summary>How fast the signing keys rotate here: a successor every 20 seconds, published 15 seconds ahead.</summary>
    public static readonly TimeSpan RotationInterval = TimeSpan.FromSeconds(20);

    private readonly string _state = Directory.CreateTempSubdirectory("identityhub-cluster-").FullName;
    private readonly string _extraSettings = Path.Combine(Path.GetTempPath(), $"identityhub-cluster-{Guid.NewGuid():N}.env");
    private string _upOutput = "";
    private Dictionary<string, string> _values = [];
    private X509Certificate2? _authority;

    public Uri Issuer { get; private set; } = null!;

    public Uri Admin { get; private set; } = null!;

    /// <summary>Each node's own address, by its name (node-1, node-2), bypassing nginx.</summary>
    public IReadOnlyDictionary<string, Uri> Nodes { get; private set; } = new Dictionary<string, Uri>();

    public DemoUser User { get; private set; } = null!;

    public string PortalClientId => _values["PORTAL_CLIENT_ID"];

    public string PortalClientSecret => _values["PORTAL_CLIENT_SECRET"];

    public Uri PortalRedirectUri => new(_values["PORTAL_REDIRECT_URI"]);

    public string ServiceClientId => _values["SERVICE_CLIENT_ID"];

    public string ServiceClientSecret => _values["SERVICE_CLIENT_SECRET"];

    public string Logs => _values["LOGS"];

    /// <summary>A value the up script wrote to cluster.env, e.g. PGBOUNCER_PORT.</summary>
    public string Value(string key) => _values[key];

    /// <summary>The settings every IdentityHub process of the cluster was started with (shared.env).</summary>
    public IReadOnlyDictionary<string, string> SharedSettings => ReadEnv(Path.Combine(_state, "shared.env"));

    public async Task InitializeAsync()
    {
        // Fast key rotation, so that a rotation happens while the tests watch.
        await File.WriteAllLinesAsync(_extraSettings,
        [
            $"IdentityHub__Keys__RotationInterval={RotationInterval:c}",
            $"IdentityHub__Keys__PublishAhead={RotationInterval - TimeSpan.FromSeconds(5):c}",
            "IdentityHub__ApiResources__0__Name=cluster-api",
        ]);
        var (exit, output) = await RunScriptAsync("up", TimeSpan.FromMinutes(4), "--no-build");
        _upOutput = output;
        if (exit != 0)
        {
            throw new InvalidOperationException($"deploy/local/up failed with exit code {exit}:\n{output}\n{LogTails()}");
        }

        _values = ReadEnv(Path.Combine(_state, "cluster.env"));
        _authority = X509CertificateLoader.LoadCertificateFromFile(_values["CA_CERTIFICATE"]);
        Issuer = new Uri(_values["ISSUER"]);
        Admin = new Uri(_values["ADMIN_URL"]);
        Nodes = new Dictionary<string, Uri> { ["node-1"] = new(_values["NODE1_URL"]), ["node-2"] = new(_values["NODE2_URL"]) };
        var node1 = await File.ReadAllTextAsync(Path.Combine(Logs, "node-1.log"));
        User = DemoUser.FromServerOutput(DemoUserLine().Match(node1).Value);
    }

    /// <summary>The other node's name.</summary>
    public static string Other(string node) => node == "node-1" ? "node-2" : "node-1";

    /// <summary>Kills a node as a crash would (SIGKILL), and waits until it is gone.</summary>
    public async Task KillNodeAsync(string node)
    {
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "pids", node + ".pid")), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A node's log as written so far.</summary>
    public string NodeLog(string node)
    {
        using var stream = new FileStream(Path.Combine(Logs, node + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>An HTTP client for the cluster that trusts the certificate authority up made (and no other); no redirects followed.</summary>
    public HttpClient Http()
    {
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(_authority!);
        return new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = { CertificateChainPolicy = trust },
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The newest code the outbox holds for <paramref name="to"/> that is not among <paramref name="seen"/>, waiting for it.</summary>
    public async Task<string> CodeSentToAsync(string to, ISet<string> seen)
    {
        var outbox = _values["OUTBOX"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var files = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.json").OrderDescending(StringComparer.Ordinal) : Enumerable.Empty<string>();
            foreach (var file in files.Where(file => !seen.Contains(file)))
            {
                using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                if (json.RootElement.GetProperty("to").GetString() == to)
                {
                    seen.Add(file);
                    return Codes.In(json.RootElement.GetProperty("body").GetString());
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"No new message to {to} in {outbox}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The outbox's messages so far, so that a later code is told from earlier ones.</summary>
    public HashSet<string> OutboxSoFar()
    {
        var outbox = _values["OUTBOX"];
        return Directory.Exists(outbox) ? [.. Directory.GetFiles(outbox, "*.json")] : [];
    }

    public async Task SaveLogsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "up.txt"), _upOutput);
        var logs = Path.Combine(_state, "logs");
        if (Directory.Exists(logs))
        {
            foreach (var file in Directory.GetFiles(logs))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }
        }
    }

    public async Task DisposeAsync()
    {
        var (exit, output) = await RunScriptAsync("down", TimeSpan.FromMinutes(1));
        File.Delete(_extraSettings);
        _authority?.Dispose();
        if (exit != 0)
        {
            throw new InvalidOperationException($"deploy/local/down failed with exit code {exit}:\n{output}");
        }
    }

    private async Task<(int Exit, string Output)> RunScriptAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryLayout.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryLayout.Root, "deploy", "local", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["IDENTITYHUB_LOCAL_STATE"] = _state;
        start.Environment["IDENTITYHUB_LOCAL_ENV_FILE"] = _extraSettings;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"deploy/local/{script} did not finish within {timeout}:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output + await error);
    }

    private string LogTails()
    {
        var logs = Path.Combine(_state, "logs");
        return Directory.Exists(logs)
            ? string.Join("\n", Directory.GetFiles(logs).Select(file => $"--- {Path.GetFileName(file)}\n{string.Join('\n', File.ReadLines(file).TakeLast(30))}"))
            : "";
    }

    private static Dictionary<string, string> ReadEnv(string file) =>
        File.ReadLines(file)
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    [GeneratedRegex(@"Demo user created\. Username: \S+\s+Password: \S+")]
    private static partial Regex DemoUserLine();
}

/// <summary>The local cluster and one browser, for the cluster tests only.</summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Local cluster";
}
