using System.Globalization;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>A gauge over a phase: the mean and the highest of its scrapes.</summary>
public sealed record Spread(double Mean, double Max);

/// <summary>
/// What IdentityHub's counters showed during one phase (see <see cref="ServerCounters"/>): gauges as the mean and the
/// highest of the scrapes, counters as their change over the phase. A figure is null when the server does not export
/// it (an older build, or SQLite for the Npgsql ones).
/// </summary>
public sealed record PhaseCounters
{
    public int Scrapes { get; init; }

    /// <summary>Work items waiting for a thread-pool thread (<c>dotnet.thread_pool.queue.length</c>).</summary>
    public Spread? ThreadPoolQueue { get; init; }

    /// <summary>Thread-pool threads (<c>dotnet.thread_pool.thread.count</c>).</summary>
    public Spread? ThreadPoolThreads { get; init; }

    /// <summary>Requests holding a turn of the overload limits (<c>identityhub.overload.in_progress</c>, all groups).</summary>
    public Spread? OverloadInProgress { get; init; }

    /// <summary>Requests waiting in the overload limits' queues (<c>identityhub.overload.queued</c>, all groups).</summary>
    public Spread? OverloadQueued { get; init; }

    /// <summary>Requests that had to wait for a turn during the phase (<c>identityhub.overload.queue.duration</c>'s count).</summary>
    public double? OverloadWaits { get; init; }

    /// <summary>Their mean wait in milliseconds (admitted or refused).</summary>
    public double? OverloadMeanWaitMs { get; init; }

    /// <summary>Requests refused with 503 (<c>identityhub.overload.refusals</c>).</summary>
    public double? OverloadRefusals { get; init; }

    /// <summary>Requests inside ASP.NET Core, queued or not (<c>http.server.active_requests</c>).</summary>
    public Spread? ActiveRequests { get; init; }

    /// <summary>Connections accepted but not yet served by Kestrel (<c>kestrel.queued_connections</c>).</summary>
    public Spread? KestrelQueuedConnections { get; init; }

    /// <summary>Npgsql connections in use (<c>db.client.connection.count</c>, state used).</summary>
    public Spread? DatabaseConnectionsUsed { get; init; }

    /// <summary>Requests waiting for an Npgsql connection (<c>db.client.connection.npgsql.pending_requests</c>).</summary>
    public Spread? DatabasePendingRequests { get; init; }

    /// <summary>Times a thread waited for a lock (<c>dotnet.monitor.lock_contentions</c>).</summary>
    public double? LockContentions { get; init; }

    /// <summary>Time the GC paused the process, in milliseconds (<c>dotnet.gc.pause.time</c>).</summary>
    public double? GcPauseMs { get; init; }

    public double? Gen0Collections { get; init; }

    public double? Gen1Collections { get; init; }

    public double? Gen2Collections { get; init; }

    /// <summary>The GC heap after the last collection, in MB (<c>dotnet.gc.last_collection.heap.size</c>, all generations).</summary>
    public Spread? GcHeapMegabytes { get; init; }

    /// <summary>Methods the JIT compiled during the phase, in any tier (<c>dotnet.jit.compiled_methods</c>).</summary>
    public double? JitMethods { get; init; }

    /// <summary>
    /// Seconds the JIT spent compiling during the phase (<c>dotnet.jit.compilation.time</c>): on the one server core,
    /// time the requests did not get while tiered compilation recompiled hot methods.
    /// </summary>
    public double? JitSeconds { get; init; }

    /// <summary>Voluntary context switches of all the server's threads (waits: I/O, locks, idle).</summary>
    public long VoluntaryContextSwitches { get; init; }

    /// <summary>Involuntary context switches (a thread taken off the core while it had work).</summary>
    public long InvoluntaryContextSwitches { get; init; }

    /// <summary>One line for the console, under the phase's line.</summary>
    public string Describe(double seconds)
    {
        var parts = new List<string>
        {
            $"thread pool queue {S(ThreadPoolQueue)} threads {S(ThreadPoolThreads)}",
            $"overload in progress {S(OverloadInProgress)} queued {S(OverloadQueued)}, {N(OverloadWaits)} waited {(OverloadMeanWaitMs is { } wait ? I($"{wait:0.0}") : "–")} ms mean, {N(OverloadRefusals)} refused",
            $"in ASP.NET Core {S(ActiveRequests)}",
            $"Kestrel queued connections {S(KestrelQueuedConnections)}",
            $"Npgsql used {S(DatabaseConnectionsUsed)} pending {S(DatabasePendingRequests)}",
            $"lock waits {N(LockContentions)}",
            $"GC pauses {(GcPauseMs is { } pause ? I($"{pause:0}") : "–")} ms, gen0/1/2 {N(Gen0Collections)}/{N(Gen1Collections)}/{N(Gen2Collections)}, heap {S(GcHeapMegabytes)} MB",
            $"JIT {N(JitMethods)} methods in {(JitSeconds is { } jit ? I($"{jit:0.0}") : "–")} s",
            I($"context switches {VoluntaryContextSwitches / Math.Max(seconds, 0.001):0}/s voluntary, {InvoluntaryContextSwitches / Math.Max(seconds, 0.001):0}/s involuntary"),
        };
        return $"(mean/max over {Scrapes} scrapes) " + string.Join(" · ", parts);
    }

    private static string S(Spread? spread) => spread is null ? "–" : I($"{spread.Mean:0.#}/{spread.Max:0.#}");

    private static string N(double? value) => value is null ? "–" : I($"{value:0}");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
