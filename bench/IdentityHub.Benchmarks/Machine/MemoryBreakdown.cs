using System.Globalization;
using System.Text;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>
/// What holds IdentityHub's resident memory after the run: the kernel's split (<c>/proc/&lt;pid&gt;/status</c>: anonymous, shared
/// memory and mapped files) and the runtime's (the GC heap, the memory the GC has committed, from the scrape), so that
/// what is left (anonymous memory outside the GC: native allocations, thread stacks) can be told apart.
/// Figures in MB; a runtime figure is null when the scrape did not answer.
/// </summary>
public sealed record MemoryBreakdown(
    double RssMegabytes,
    double AnonymousMegabytes,
    double FileBackedMegabytes,
    double SharedMegabytes,
    double FileProportionalMegabytes,
    double? GcHeapMegabytes,
    double? GcFragmentationMegabytes,
    double? GcCommittedMegabytes,
    double? WorkingSetMegabytes,
    long Threads,
    double? ThreadPoolThreads)
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>Anonymous memory the GC has not committed: native allocations (OpenSSL, sockets, the runtime's own), thread stacks.</summary>
    public double? AnonymousOutsideGcMegabytes => GcCommittedMegabytes is { } committed ? AnonymousMegabytes - committed : null;

    public static async Task<MemoryBreakdown> ReadAsync(int pid, ServerCounters? counters)
    {
        var scrape = counters is null ? null : await counters.ScrapeAsync();
        var (rss, anonymous, file, shared, fileProportional) = ProcessStats.ResidentMemory(pid);
        double? Megabytes(string metric) => scrape?.Sum(metric) is { } bytes ? bytes / Megabyte : null;
        return new MemoryBreakdown(rss, anonymous, file, shared, fileProportional,
            Megabytes("dotnet_gc_last_collection_heap_size_bytes"),
            Megabytes("dotnet_gc_last_collection_heap_fragmentation_size_bytes"),
            Megabytes("dotnet_gc_last_collection_memory_committed_size_bytes"),
            Megabytes("dotnet_process_memory_working_set_bytes"),
            ProcessStats.Threads(pid),
            scrape?.Sum("dotnet_thread_pool_thread_count"));
    }

    /// <summary>The Markdown table printed at the end of the run.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("IdentityHub memory after the run:");
        text.AppendLine();
        text.AppendLine("| | MB |");
        text.AppendLine("| --- | ---: |");
        Line(text, "resident (RSS)", RssMegabytes);
        Line(text, "anonymous (part of RSS: the GC heap, native heaps, thread stacks)", AnonymousMegabytes);
        Line(text, "GC committed (part of anonymous)", GcCommittedMegabytes);
        Line(text, "GC heap after the last collection, all generations (part of GC committed)", GcHeapMegabytes);
        Line(text, "GC fragmentation: free space within the heap (part of the GC heap)", GcFragmentationMegabytes);
        Line(text, "anonymous outside the GC: native allocations (OpenSSL, sockets, runtime), thread stacks", AnonymousOutsideGcMegabytes);
        Line(text, "shared memory (part of RSS: the runtime's executable memory, double-mapped for W^X: JIT code, stubs, loader heaps)", SharedMegabytes);
        Line(text, "file-backed (part of RSS: assemblies, native libraries)", FileBackedMegabytes);
        Line(text, "file-backed, proportional (PSS: pages other processes also map count in part)", FileProportionalMegabytes);
        Line(text, "working set as the runtime reports it", WorkingSetMegabytes);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| threads (of which the thread pool's) | {Threads} ({(ThreadPoolThreads is { } pool ? pool.ToString("0", CultureInfo.InvariantCulture) : "–")}) |"));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, double? megabytes) =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {(megabytes is { } value ? value.ToString("0", CultureInfo.InvariantCulture) : "–")} |"));
}
