namespace IdentityHub.Benchmarks.Machine;

/// <summary>The raw readings of a phase: every scrape's gauges and the counters' change, added up over a phase's slices.</summary>
public sealed record CounterReadings(
    IReadOnlyDictionary<string, IReadOnlyList<double>> Gauges,
    IReadOnlyDictionary<string, double> Deltas,
    int Scrapes,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches)
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>
    /// Gauges: key, Prometheus name, label to match, scale, and the metric whose presence means a missing one is zero
    /// (Npgsql reports waiting requests only once one has waited).
    /// </summary>
    private static readonly (string Key, string Metric, (string, string)? Label, double Scale, string? ZeroWith)[] GaugeMetrics =
    [
        ("thread_pool.queue", "dotnet_thread_pool_queue_length", null, 1, null),
        ("thread_pool.threads", "dotnet_thread_pool_thread_count", null, 1, null),
        ("overload.in_progress", "identityhub_overload_in_progress", null, 1, null),
        ("overload.queued", "identityhub_overload_queued", null, 1, null),
        ("http.active", "http_server_active_requests", null, 1, null),
        ("kestrel.queued", "kestrel_queued_connections", null, 1, null),
        ("db.used", "db_client_connection_count", ("db_client_connection_state", "used"), 1, null),
        ("db.pending", "db_client_connection_npgsql_pending_requests", null, 1, "db_client_connection_count"),
        ("gc.heap", "dotnet_gc_last_collection_heap_size_bytes", null, Megabyte, null),
    ];

    /// <summary>
    /// Counters: key, Prometheus name, label to match, scale, and the metric whose presence means a missing one is zero
    /// (a histogram appears with its first value).
    /// </summary>
    private static readonly (string Key, string Metric, (string, string)? Label, double Scale, string? ZeroWith)[] CounterMetrics =
    [
        ("overload.waits", "identityhub_overload_queue_duration_seconds_count", null, 1, "identityhub_overload_queued"),
        ("overload.wait_seconds", "identityhub_overload_queue_duration_seconds_sum", null, 1, "identityhub_overload_queued"),
        ("overload.refusals", "identityhub_overload_refusals_total", null, 1, "identityhub_overload_queued"),
        ("locks", "dotnet_monitor_lock_contentions_total", null, 1, null),
        ("gc.pause_ms", "dotnet_gc_pause_time_seconds_total", null, 0.001, null),
        ("gc.gen0", "dotnet_gc_collections_total", ("gc_heap_generation", "gen0"), 1, null),
        ("gc.gen1", "dotnet_gc_collections_total", ("gc_heap_generation", "gen1"), 1, null),
        ("gc.gen2", "dotnet_gc_collections_total", ("gc_heap_generation", "gen2"), 1, null),
        ("jit.methods", "dotnet_jit_compiled_methods_total", null, 1, null),
        ("jit.seconds", "dotnet_jit_compilation_time_seconds_total", null, 1, null),
    ];

    /// <summary>
    /// The readings of one window: the gauges from the scrapes taken while the phase ran (the first, taken as its load
    /// started, and the last, taken after it stopped, would show a server at rest; they count only in a phase too short
    /// for any other), the counters' change from the first scrape to the last.
    /// </summary>
    public static CounterReadings From(IReadOnlyList<PrometheusText> scrapes, (long Voluntary, long Involuntary) switches)
    {
        var running = scrapes.Count > 2 ? scrapes.Skip(1).Take(scrapes.Count - 2).ToList() : scrapes;
        var gauges = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var (key, metric, label, scale, zeroWith) in GaugeMetrics)
        {
            var values = running.Select(scrape => Value(scrape, metric, label, zeroWith)).OfType<double>().Select(value => value / scale).ToList();
            if (values.Count > 0)
            {
                gauges[key] = values;
            }
        }

        var deltas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, metric, label, scale, zeroWith) in CounterMetrics)
        {
            if (scrapes.Count > 1 && Value(scrapes[0], metric, label, zeroWith) is { } first && Value(scrapes[^1], metric, label, zeroWith) is { } last)
            {
                deltas[key] = (last - first) / scale;
            }
        }

        return new CounterReadings(gauges, deltas, scrapes.Count, switches.Voluntary, switches.Involuntary);
    }

    private static double? Value(PrometheusText scrape, string metric, (string, string)? label, string? zeroWith) =>
        scrape.Sum(metric, label) ?? (zeroWith is not null && scrape.Has(zeroWith) ? 0 : null);

    /// <summary>This slice's readings and another's, as if one phase.</summary>
    public CounterReadings Plus(CounterReadings other)
    {
        var gauges = Gauges.Keys.Union(other.Gauges.Keys).ToDictionary(
            key => key, key => (IReadOnlyList<double>)[.. Gauges.GetValueOrDefault(key) ?? [], .. other.Gauges.GetValueOrDefault(key) ?? []], StringComparer.Ordinal);
        var deltas = Deltas.Keys.Union(other.Deltas.Keys).ToDictionary(
            key => key, key => Deltas.GetValueOrDefault(key) + other.Deltas.GetValueOrDefault(key), StringComparer.Ordinal);
        return new CounterReadings(gauges, deltas, Scrapes + other.Scrapes,
            VoluntaryContextSwitches + other.VoluntaryContextSwitches, InvoluntaryContextSwitches + other.InvoluntaryContextSwitches);
    }

    public PhaseCounters Summary()
    {
        Spread? Gauge(string key) => Gauges.TryGetValue(key, out var values) && values.Count > 0 ? new Spread(values.Average(), values.Max()) : null;
        double? Delta(string key) => Deltas.TryGetValue(key, out var value) ? value : null;
        var waits = Delta("overload.waits");
        return new PhaseCounters
        {
            Scrapes = Scrapes,
            ThreadPoolQueue = Gauge("thread_pool.queue"),
            ThreadPoolThreads = Gauge("thread_pool.threads"),
            OverloadInProgress = Gauge("overload.in_progress"),
            OverloadQueued = Gauge("overload.queued"),
            OverloadWaits = waits,
            OverloadMeanWaitMs = waits > 0 && Delta("overload.wait_seconds") is { } total ? total * 1000 / waits : null,
            OverloadRefusals = Delta("overload.refusals"),
            ActiveRequests = Gauge("http.active"),
            KestrelQueuedConnections = Gauge("kestrel.queued"),
            DatabaseConnectionsUsed = Gauge("db.used"),
            DatabasePendingRequests = Gauge("db.pending"),
            LockContentions = Delta("locks"),
            GcPauseMs = Delta("gc.pause_ms"),
            Gen0Collections = Delta("gc.gen0"),
            Gen1Collections = Delta("gc.gen1"),
            Gen2Collections = Delta("gc.gen2"),
            GcHeapMegabytes = Gauge("gc.heap"),
            JitMethods = Delta("jit.methods"),
            JitSeconds = Delta("jit.seconds"),
            VoluntaryContextSwitches = VoluntaryContextSwitches,
            InvoluntaryContextSwitches = InvoluntaryContextSwitches,
        };
    }
}
