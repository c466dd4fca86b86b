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

    /// <summary>Threads of the process now (<c>Threads:</c> in its status).</summary>
    public static long Threads(int pid) => StatusField(File.ReadLines($"/proc/{pid}/status"), "Threads:");

    /// <summary>Voluntary and involuntary context switches of each of the process's threads so far, by thread id.</summary>
    public static IReadOnlyDictionary<int, (long Voluntary, long Involuntary)> ContextSwitches(int pid)
    {
        var threads = new Dictionary<int, (long, long)>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var lines = File.ReadAllLines(Path.Combine(task, "status"));
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                        (StatusField(lines, "voluntary_ctxt_switches:"), StatusField(lines, "nonvoluntary_ctxt_switches:"));
                }
                catch (IOException)
                {
                    // The thread exited between listing and reading.
                }
            }
        }
        catch (IOException)
        {
        }

        return threads;
    }

    /// <summary>
    /// The context switches between two readings: each thread's change, and all of a thread's that started in between.
    /// A thread that exited in between takes its switches with it (the thread pool retires idle threads).
    /// </summary>
    public static (long Voluntary, long Involuntary) ContextSwitchesBetween(
        IReadOnlyDictionary<int, (long Voluntary, long Involuntary)> before, IReadOnlyDictionary<int, (long Voluntary, long Involuntary)> after)
    {
        var (voluntary, involuntary) = (0L, 0L);
        foreach (var (thread, now) in after)
        {
            var then = before.GetValueOrDefault(thread);
            voluntary += Math.Max(0, now.Voluntary - then.Voluntary);
            involuntary += Math.Max(0, now.Involuntary - then.Involuntary);
        }

        return (voluntary, involuntary);
    }

    /// <summary>
    /// The process's resident memory split by what backs it, in MB: anonymous (heaps, stacks), file-backed (the
    /// runtime's and the app's mapped files) and shared memory (with W^X on, the .NET runtime keeps its executable memory
    /// in a shared-memory file mapped twice, <c>/memfd:doublemapper</c>), which add up to the RSS (<c>/proc/&lt;pid&gt;/status</c>);
    /// and the file-backed part's proportional size (<c>smaps_rollup</c>'s <c>Pss_File</c>: a page other processes also map,
    /// such as the shared framework's, counts in part).
    /// </summary>
    public static (double Rss, double Anonymous, double FileBacked, double Shared, double FileProportional) ResidentMemory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        var rollup = File.ReadAllLines($"/proc/{pid}/smaps_rollup");
        return (StatusField(status, "VmRSS:") / 1024.0, StatusField(status, "RssAnon:") / 1024.0, StatusField(status, "RssFile:") / 1024.0,
            StatusField(status, "RssShmem:") / 1024.0, StatusField(rollup, "Pss_File:") / 1024.0);
    }

    private static long StatusField(IEnumerable<string> lines, string field)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static long StatusKilobytes(int pid, string field) => StatusField(File.ReadLines($"/proc/{pid}/status"), field);

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
