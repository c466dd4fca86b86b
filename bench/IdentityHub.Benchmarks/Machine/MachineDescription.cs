using System.Diagnostics;
using System.Globalization;
using IdentityHub.Benchmarks.Report;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>What the report says about the machine and the versions of what ran on it.</summary>
public static class MachineDescription
{
    public static async Task<MachineInfo> ReadAsync()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount == 1 ? File.ReadLines("/proc/cpuinfo").Count(line => line.StartsWith("processor", StringComparison.Ordinal)) : Environment.ProcessorCount,
            (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim(),
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            (await OutputOfAsync("node", "--version")).Trim(),
            (await OutputOfAsync("psql", "--version")).Trim(),
            (await OutputOfAsync("openssl", "version")).Trim(),
            string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ').Take(3)),
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
    }

    private static async Task<string> OutputOfAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
