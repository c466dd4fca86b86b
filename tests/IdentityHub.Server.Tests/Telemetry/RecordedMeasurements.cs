using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>
/// Every measurement of the <c>IdentityHub</c> meter of one test server (its own meter factory's meters only, so
/// servers of other tests running at the same time do not count), with its tags.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public RecordedMeasurements(IMeterFactory serverMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "IdentityHub" && ReferenceEquals(instrument.Meter.Scope, serverMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, tag) in tags)
            {
                copy[key] = tag?.ToString();
            }

            _measurements.Enqueue((instrument.Name, value, copy));
        });
        _listener.Start();
    }

    /// <summary>The sum recorded on <paramref name="instrument"/> with at least these tags.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).Sum(m => m.Value);

    /// <summary>Every tag key and value seen, for the check that no personal data became a tag.</summary>
    public IEnumerable<string> TagValues => _measurements.SelectMany(m => m.Tags.Values).OfType<string>();

    public string Describe() => string.Join("\n", _measurements.Select(m => $"{m.Instrument} {m.Value} {string.Join(",", m.Tags.Select(t => t.Key + "=" + t.Value))}"));

    public void Dispose() => _listener.Dispose();
}
