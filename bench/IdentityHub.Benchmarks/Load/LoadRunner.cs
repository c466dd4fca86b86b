using System.Diagnostics;
using HdrHistogram;
using IdentityHub.Benchmarks.Machine;

namespace IdentityHub.Benchmarks.Load;

/// <summary>
/// One phase's outcome: completed operations, errors, the server's CPU, latencies (of the completed ones), and the
/// operations the server refused at once because it was busy (503 with Retry-After: neither completed nor errors).
/// </summary>
public sealed record PhaseResult(
    int Completed,
    int Errors,
    double Seconds,
    double ServerCpuSeconds,
    double DatabaseCpuSeconds,
    double DriverCpuSeconds,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    IReadOnlyList<string> ErrorSamples,
    int Refused = 0)
{
    public double Rate => Completed / Seconds;

    /// <summary>IdentityHub's own counters during the phase (its scrape endpoint and /proc); null for oidc-provider and in older runs.</summary>
    public PhaseCounters? Counters { get; init; }
}

/// <summary>
/// Drives one operation: a closed loop of N virtual users as fast as the server answers (the rate
/// at saturation), or an open loop at a fixed rate, where each operation's latency counts from when it
/// was due, not from when it could start (so a stalled server is not hidden: no coordinated omission).
/// </summary>
public sealed class LoadRunner(Target target, int databasePid)
{
    private const long MaxLatencyMicroseconds = 60_000_000;

    public async Task<PhaseResult> ClosedLoopAsync(Func<CancellationToken, Task> operation, int concurrency, TimeSpan duration)
    {
        var phase = StartClosedLoop(operation, concurrency);
        await phase.RunSliceAsync(duration);
        return phase.Result();
    }

    /// <summary>
    /// A closed-loop phase run in slices, each when the caller asks for it: between them the harness runs the
    /// other server's slices and measures the core's limit, so both servers and the limit see the same host.
    /// </summary>
    public ClosedLoopPhase StartClosedLoop(Func<CancellationToken, Task> operation, int concurrency) =>
        new(target, databasePid, operation, concurrency);

    public sealed class ClosedLoopPhase
    {
        private readonly Target _target;
        private readonly int _databasePid;
        private readonly Func<CancellationToken, Task> _operation;
        private readonly int _concurrency;
        private readonly Recorder _recorder = new();
        private readonly List<(int Completed, double Seconds)> _slices = [];
        private Measured _total = new(0, 0, 0, 0, null);

        internal ClosedLoopPhase(Target target, int databasePid, Func<CancellationToken, Task> operation, int concurrency) =>
            (_target, _databasePid, _operation, _concurrency) = (target, databasePid, operation, concurrency);

        /// <summary>Each slice's operations and seconds, to pair them with the limit measured next to them.</summary>
        public IReadOnlyList<(int Completed, double Seconds)> Slices => _slices;

        public async Task<(int Completed, double Seconds)> RunSliceAsync(TimeSpan duration)
        {
            var completedBefore = _recorder.Completed;
            var measure = Measure.Start(_target, _databasePid);
            using var stop = new CancellationTokenSource(duration);
            var workers = Enumerable.Range(0, _concurrency).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    await _recorder.RunAsync(_operation, started, CancellationToken.None);
                }
            })).ToArray();
            await Task.WhenAll(workers);
            var measured = await measure.StopAsync();
            _total = _total.Plus(measured);
            _slices.Add((_recorder.Completed - completedBefore, measured.Seconds));
            return _slices[^1];
        }

        /// <summary>One result over all slices run so far.</summary>
        public PhaseResult Result() => _recorder.Result(_total);
    }

    public async Task<PhaseResult> OpenLoopAsync(Func<CancellationToken, Task> operation, double rate, TimeSpan duration)
    {
        var recorder = new Recorder();
        var measure = Measure.Start(target, databasePid);
        var begin = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / rate;
        var total = (long)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
        var running = new List<Task>((int)Math.Min(total, 1_000_000));
        long next = 0;
        while (next < total)
        {
            // Start everything that is due, each timed from when it was due; then sleep about a millisecond.
            var now = Stopwatch.GetTimestamp();
            for (; next < total && begin + (long)(next * interval) <= now; next++)
            {
                running.Add(recorder.RunAsync(operation, begin + (long)(next * interval), CancellationToken.None));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(running);
        return recorder.Result(await measure.StopAsync());
    }

    private sealed class Recorder
    {
        private readonly LongHistogram _histogram = new(MaxLatencyMicroseconds, 3);
        private readonly List<string> _errors = [];
        private int _completed;
        private int _errorCount;
        private int _refused;

        public int Completed => Volatile.Read(ref _completed);

        public async Task RunAsync(Func<CancellationToken, Task> operation, long due, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Yield();
                await operation(cancellationToken);
                var micros = (long)Stopwatch.GetElapsedTime(due).TotalMicroseconds;
                lock (_histogram)
                {
                    _histogram.RecordValue(Math.Clamp(micros, 1, MaxLatencyMicroseconds));
                }

                Interlocked.Increment(ref _completed);
            }
            catch (ServerBusyException)
            {
                Interlocked.Increment(ref _refused);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref _errorCount);
                lock (_errors)
                {
                    if (_errors.Count < 5)
                    {
                        _errors.Add(exception is OperationFailedException ? exception.Message : exception.GetType().Name + ": " + exception.Message);
                    }
                }
            }
        }

        public PhaseResult Result(Measured measured)
        {
            lock (_histogram)
            {
                double At(double percentile) => _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;
                return new PhaseResult(_completed, _errorCount, measured.Seconds, measured.ServerCpu, measured.DatabaseCpu, measured.DriverCpu,
                    At(50), At(95), At(99), [.. _errors], _refused)
                {
                    Counters = measured.Counters?.Summary(),
                };
            }
        }
    }

    private sealed record Measured(double Seconds, double ServerCpu, double DatabaseCpu, double DriverCpu, CounterReadings? Counters)
    {
        public Measured Plus(Measured other) =>
            new(Seconds + other.Seconds, ServerCpu + other.ServerCpu, DatabaseCpu + other.DatabaseCpu, DriverCpu + other.DriverCpu,
                Counters is null ? other.Counters : other.Counters is null ? Counters : Counters.Plus(other.Counters));
    }

    private sealed class Measure
    {
        private readonly Target _target;
        private readonly int _databasePid;
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly double _server;
        private readonly double _database;
        private readonly double _driver;
        private readonly CounterWindow? _counters;

        private Measure(Target target, int databasePid)
        {
            (_target, _databasePid) = (target, databasePid);
            _server = target.Process.CpuSeconds;
            _database = databasePid > 0 ? ProcessStats.TreeCpuSeconds(databasePid) : 0;
            _driver = ProcessStats.CpuSeconds(Environment.ProcessId);
            _counters = target.Counters?.Start();
        }

        public static Measure Start(Target target, int databasePid) => new(target, databasePid);

        public async Task<Measured> StopAsync()
        {
            var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            var server = _target.Process.CpuSeconds - _server;
            // Only live backends count, so a backend that exited takes its CPU with it: never below zero.
            var database = _databasePid > 0 ? Math.Max(0, ProcessStats.TreeCpuSeconds(_databasePid) - _database) : 0;
            var driver = ProcessStats.CpuSeconds(Environment.ProcessId) - _driver;
            return new Measured(seconds, server, database, driver, _counters is null ? null : await _counters.StopAsync());
        }
    }
}
