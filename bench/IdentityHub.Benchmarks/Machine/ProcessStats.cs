using System.Globalization;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>CPU time and memory of a process, read from /proc (Linux).</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on every Linux we run on

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; fields after it are space separated.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name and state.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>CPU seconds of a process and all its children still running (PostgreSQL's backends).</summary>
    public static double TreeCpuSeconds(int pid)
    {
        var total = 0.0;
        foreach (var child in Descendants(pid).Prepend(pid))
        {
            try
            {
                total += CpuSeconds(child);
            }
            catch (IOException)
            {
                // Exited between listing and reading.
            }
        }

        return total;
    }

    /// <summary>Peak resident set size (VmHWM) in MB.</summary>
    public static double PeakRssMegabytes(int pid) => StatusKilobytes(pid, "VmHWM:") / 1024.0;

    /// <summary>Resident set size now (VmRSS) in MB.</summary>
    public static double RssMegabytes(int pid) => StatusKilobytes(pid, "VmRSS:") / 1024.0;

    private static long StatusKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!parents.TryGetValue(parent, out var children))
                {
                    parents[parent] = children = [];
                }

                children.Add(id);
            }
            catch (IOException)
            {
            }
        }

        var stack = new Stack<int>([pid]);
        while (stack.Count > 0)
        {
            foreach (var child in parents.GetValueOrDefault(stack.Pop()) ?? [])
            {
                yield return child;
                stack.Push(child);
            }
        }
    }
}
