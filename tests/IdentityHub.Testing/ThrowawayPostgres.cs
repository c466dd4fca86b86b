using System.Diagnostics;

namespace IdentityHub.Testing;

/// <summary>
/// A PostgreSQL cluster in a temporary folder on a free loopback port, fsync off, trust
/// authentication, removed on dispose. As root it runs the server as the <c>postgres</c> user
/// (PostgreSQL refuses to run as root) through <c>runuser</c>.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private const string FolderPrefix = "identityhub-pg-";

    private readonly string _folder;
    private readonly string _binaries;
    private bool _stopped;

    private ThrowawayPostgres(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string AdministratorConnectionString =>
        $"Host=localhost;Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=20;Timeout=30";

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var binaries = FindBinaries();
        RemoveStoppedClusters();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var cluster = new ThrowawayPostgres(folder, binaries, FreeTcpPort.Next());
        try
        {
            if (RunningAsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", folder], asPostgres: false);
            }

            await cluster.RunToolAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server, as an outage would; its connections are cut. <see cref="StartServerAsync"/> brings it back.</summary>
    public Task StopServerAsync() => RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the server on its folder and port, and waits until it accepts connections.</summary>
    public Task StartServerAsync()
    {
        var serverOptions = $"-F -p {Port} -k {_folder} -c listen_addresses=localhost " +
                            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        return RunToolAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-o", serverOptions, "-w", "start"]);
    }

    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
        }

        TryDelete(_folder);
    }

    /// <summary>
    /// A test process killed before its exit handler ran leaves its cluster's folder behind (the
    /// server itself dies with the process tree). Folders without a running server are removed.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            // Another test process may be starting a cluster right now: leave recent folders alone.
            var stale = Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10);
            if (stale && !File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                TryDelete(folder);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private Task RunToolAsync(string tool, string[] arguments) =>
        RunAsync(Path.Combine(_binaries, tool), arguments, asPostgres: RunningAsRoot);

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("IDENTITYHUB_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(path => Path.Combine(path, "bin"))
                .Where(path => File.Exists(Path.Combine(path, "initdb")))
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(path)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found. Install them (apt-get install postgresql), set IDENTITYHUB_PG_BIN, " +
            $"or set {PostgresCluster.EnvironmentVariable} to a server's administrator connection string. ./build.sh test does all of this.");
    }
}
