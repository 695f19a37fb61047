using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceAccord.Core.Telemetry;

namespace FaceAccord.Search.Telemetry;

/// <summary>Search duration by index kind (<c>exact</c> scan or <c>graph</c>, HNSW), and the <c>search</c> activity.</summary>
internal static class SearchTelemetry
{
    public const string Exact = "exact";
    public const string Graph = "graph";

    private static readonly Histogram<double> SearchDuration = FaceAccordTelemetry.Duration(
        "faceaccord.search.duration", "Time of one template index search, by index kind.");

    public static Activity? Start() => FaceAccordTelemetry.Source.StartActivity("search");

    public static void Searched(long startTimestamp, string kind, Activity? activity)
    {
        activity?.SetTag("faceaccord.index.kind", kind);
        SearchDuration.Record(FaceAccordTelemetry.SecondsSince(startTimestamp), new KeyValuePair<string, object?>("kind", kind));
    }
}
