using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FaceAccord.Core.Telemetry;

/// <summary>
/// FaceAccord's one meter and one activity source, both named <see cref="Name"/>, shared by every layer (the pipeline,
/// the governed path, the store, the audit log). Plain BCL types: a layer that records needs no exporter, and with
/// nobody listening an instrument or activity costs next to nothing. What the instruments mean: docs/operations.md.
/// No instrument carries a personal identifier, an external subject id, an image name or a key secret.
/// </summary>
public static class FaceAccordTelemetry
{
    public const string Name = "FaceAccord";

    public static Meter Meter { get; } = new(Name, typeof(FaceAccordTelemetry).Assembly.GetName().Version?.ToString());

    public static ActivitySource Source { get; } = new(Name, typeof(FaceAccordTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Bucket bounds in seconds for durations from a millisecond (a search) to a minute (a slow identification under
    /// load), a little finer than the default where face work lives.
    /// </summary>
    public static InstrumentAdvice<double> DurationAdvice { get; } = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    /// <summary>A duration histogram in seconds on the shared meter.</summary>
    public static Histogram<double> Duration(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null, advice: DurationAdvice);

    /// <summary>Seconds since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
