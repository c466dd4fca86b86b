using System.Diagnostics;
using IdentityHub.Testing;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// The Node.js client libraries of the interoperability tests (openid-client, oidc-client-ts), installed from
/// <c>Interop/node/package-lock.json</c> with <c>npm ci</c> the first time a run needs them (node_modules missing).
/// </summary>
public static class NodeLibraries
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>The folder with package.json, the scripts and, once installed, node_modules.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryLayout.Root, "tests", "IdentityHub.EndToEnd.Tests", "Interop", "node");

    /// <summary>A file inside an installed package, e.g. "oidc-client-ts/dist/browser/oidc-client-ts.min.js".</summary>
    public static string PackageFile(string path) => Path.Combine(Folder, "node_modules", path);

    public static async Task EnsureInstalledAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm (./build.sh test installs Node.js and npm).");
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await npm.WaitForExitAsync(limit.Token);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {Folder} ({npm.ExitCode}):\n{await output}\n{await errors}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }
}
