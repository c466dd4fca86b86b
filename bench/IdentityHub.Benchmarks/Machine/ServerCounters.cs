using System.Diagnostics;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>
/// IdentityHub's own counters during a phase, read from its Prometheus scrape endpoint about once a second (by this
/// driver, on its own core; a scrape costs the server a millisecond or two) and from <c>/proc</c>: what the requests
/// queue behind when the latency grows (the thread pool, the overload limits' queues, Kestrel, Npgsql's pool, locks,
/// the GC). See <see cref="PhaseCounters"/> for what is kept.
/// </summary>
public sealed class ServerCounters(Uri scrapeUrl, int pid) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public Uri ScrapeUrl { get; } = scrapeUrl;

    /// <summary>One scrape now; null when the endpoint did not answer (the phase goes on without it).</summary>
    public async Task<PrometheusText?> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return PrometheusText.Parse(await _http.GetStringAsync(ScrapeUrl, cancellationToken));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Starts scraping: once at once, then every <see cref="Interval"/> until the window is stopped.</summary>
    public CounterWindow Start() => new(this, pid);

    public void Dispose() => _http.Dispose();
}

/// <summary>The scrapes of one phase (or one slice of it) while it runs.</summary>
public sealed class CounterWindow
{
    private readonly ServerCounters _counters;
    private readonly int _pid;
    private readonly IReadOnlyDictionary<int, (long Voluntary, long Involuntary)> _switchesBefore;
    private readonly List<PrometheusText> _scrapes = [];
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    internal CounterWindow(ServerCounters counters, int pid)
    {
        (_counters, _pid) = (counters, pid);
        _switchesBefore = ProcessStats.ContextSwitches(pid);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Stops scraping after one last scrape, and returns what the phase's scrapes show.</summary>
    public async Task<CounterReadings> StopAsync()
    {
        _stop.TrySetResult();
        await _loop;
        if (await _counters.ScrapeAsync() is { } last)
        {
            _scrapes.Add(last);
        }

        return CounterReadings.From(_scrapes, ProcessStats.ContextSwitchesBetween(_switchesBefore, ProcessStats.ContextSwitches(_pid)));
    }

    private async Task LoopAsync()
    {
        var next = Stopwatch.GetTimestamp();
        while (!_stop.Task.IsCompleted)
        {
            if (await _counters.ScrapeAsync() is { } scrape && !_stop.Task.IsCompleted)
            {
                _scrapes.Add(scrape);
            }

            next += (long)(ServerCounters.Interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            await Task.WhenAny(Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero), _stop.Task);
        }
    }
}
