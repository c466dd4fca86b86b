using System.Diagnostics;
using HdrHistogram;
using IdentityHub.Benchmarks.Machine;

namespace IdentityHub.Benchmarks.Load;

/// <summary>One phase's outcome: completed operations, errors, the server's CPU, latencies.</summary>
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
    IReadOnlyList<string> ErrorSamples)
{
    public double Rate => Completed / Seconds;
}

/// <summary>
/// Drives one operation: a closed loop of N virtual users as fast as the server answers (the rate
/// at saturation), or an open loop at a fixed rate, where each operation's latency counts from when it
/// was due, not from when it could start (so a stalled server is not hidden: no coordinated omission).
/// </summary>
public sealed class LoadRunner(Target target, int databasePid)
{
    private const long MaxLatencyMicroseconds = 60_000_000;

    public async Task<PhaseResult> ClosedLoopAsync(Func<CancellationToken, Task> operation, int concurrency, TimeSpan duration) =>
        (await ClosedLoopInSlicesAsync(operation, concurrency, duration, slices: 1, between: () => Task.CompletedTask)).Phase;

    /// <summary>
    /// One closed-loop phase run as <paramref name="slices"/> equal slices, with <paramref name="between"/>
    /// called in the pauses (the harness measures the core's limit there): one result over all slices, and
    /// each slice's operations and seconds, to pair them with the limit measured next to them.
    /// </summary>
    public async Task<(PhaseResult Phase, IReadOnlyList<(int Completed, double Seconds)> Slices)> ClosedLoopInSlicesAsync(
        Func<CancellationToken, Task> operation, int concurrency, TimeSpan duration, int slices, Func<Task> between)
    {
        var recorder = new Recorder();
        var total = new Measured(0, 0, 0, 0);
        var perSlice = new List<(int, double)>();
        for (var slice = 0; slice < slices; slice++)
        {
            if (slice > 0)
            {
                await between();
            }

            var completedBefore = recorder.Completed;
            var measure = Measure.Start(target, databasePid);
            using var stop = new CancellationTokenSource(duration / slices);
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    await recorder.RunAsync(operation, started, CancellationToken.None);
                }
            })).ToArray();
            await Task.WhenAll(workers);
            var measured = measure.Stop();
            total = total.Plus(measured);
            perSlice.Add((recorder.Completed - completedBefore, measured.Seconds));
        }

        return (recorder.Result(total), perSlice);
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
        return recorder.Result(measure.Stop());
    }

    private sealed class Recorder
    {
        private readonly LongHistogram _histogram = new(MaxLatencyMicroseconds, 3);
        private readonly List<string> _errors = [];
        private int _completed;
        private int _errorCount;

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
                    At(50), At(95), At(99), [.. _errors]);
            }
        }
    }

    private sealed record Measured(double Seconds, double ServerCpu, double DatabaseCpu, double DriverCpu)
    {
        public Measured Plus(Measured other) =>
            new(Seconds + other.Seconds, ServerCpu + other.ServerCpu, DatabaseCpu + other.DatabaseCpu, DriverCpu + other.DriverCpu);
    }

    private sealed class Measure
    {
        private readonly Target _target;
        private readonly int _databasePid;
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly double _server;
        private readonly double _database;
        private readonly double _driver;

        private Measure(Target target, int databasePid)
        {
            (_target, _databasePid) = (target, databasePid);
            _server = target.Process.CpuSeconds;
            _database = databasePid > 0 ? ProcessStats.TreeCpuSeconds(databasePid) : 0;
            _driver = ProcessStats.CpuSeconds(Environment.ProcessId);
        }

        public static Measure Start(Target target, int databasePid) => new(target, databasePid);

        public Measured Stop() => new(
            Stopwatch.GetElapsedTime(_start).TotalSeconds,
            _target.Process.CpuSeconds - _server,
            // Only live backends count, so a backend that exited takes its CPU with it: never below zero.
            _databasePid > 0 ? Math.Max(0, ProcessStats.TreeCpuSeconds(_databasePid) - _database) : 0,
            ProcessStats.CpuSeconds(Environment.ProcessId) - _driver);
    }
}
