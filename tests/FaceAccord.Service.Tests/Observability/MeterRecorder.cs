using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FaceAccord.Core.Telemetry;

namespace FaceAccord.Service.Tests.Observability;

/// <summary>Sums every measurement of FaceAccord's meter by instrument and labels, as an exporter would.</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _last = new(StringComparer.Ordinal);

    public MeterRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FaceAccordTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Sum of <paramref name="instrument"/>'s measurements whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] labels) =>
        _sums.Where(s => Matches(s.Key, instrument, labels)).Sum(s => s.Value);

    /// <summary>The latest reading of an observable gauge.</summary>
    public double? Gauge(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _last.TryGetValue(instrument + "|", out double v) ? v : null;
    }

    public void Dispose() => _listener.Dispose();

    private static bool Matches(string key, string instrument, (string Key, string Value)[] labels) =>
        key.StartsWith(instrument + "|", StringComparison.Ordinal) && labels.All(l => key.Contains($"|{l.Key}={l.Value}|", StringComparison.Ordinal));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        string key = instrument.Name + "|" + string.Concat(parts.Select(p => p + "|"));
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            _last[key] = value;
        }
        else
        {
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        }
    }
}
