using System.Text.Json;

namespace FaceAccord.Bench.Load;

/// <summary>
/// What a run showed, in the shape of results/latest.json: the settings and machine load it ran under, the
/// figures per operation, and the verdict of the requirement (no failed request).
/// </summary>
public sealed record LoadReport(
    DateTimeOffset FinishedAt,
    string Url,
    int Clients,
    int DurationSeconds,
    double ElapsedSeconds,
    int Seed,
    int TimeoutSeconds,
    double VerifyShare,
    int GalleryPeople,
    int SkippedPeople,
    int ProbeImages,
    int DroppedProbes,
    int LogicalCores,
    IReadOnlyList<double> LoadAverageAtStart,
    IReadOnlyList<double> LoadAverageAtEnd,
    IReadOnlyList<OperationStats> Operations,
    OperationStats Total,
    IReadOnlyList<string> FailureSamples,
    bool Passed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LoadReport From(LoadSettings settings, LoadGallery gallery, LoadRun run, IReadOnlyList<double> loadAtStart, IReadOnlyList<double> loadAtEnd)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(run);
        double seconds = run.Elapsed.TotalSeconds;
        var operations = new[] { RequestRecord.Verify, RequestRecord.Identify }
            .Select(op => Stats(op, [.. run.Records.Where(r => r.Operation == op)], seconds))
            .ToArray();
        var total = Stats("all", run.Records, seconds);
        var samples = run.Records.Where(r => r.Failed)
            .GroupBy(r => $"{r.Operation} {StatusKey(r)}: {r.Error ?? "(no detail)"}")
            .OrderByDescending(g => g.Count())
            .Take(10)
            .Select(g => $"{g.Count()} x {g.Key}")
            .ToArray();
        return new LoadReport(DateTimeOffset.UtcNow, settings.Url.ToString(), settings.Clients, settings.DurationSeconds, Math.Round(seconds, 2),
            settings.Seed, settings.TimeoutSeconds, LoadSettings.VerifyShare, gallery.Probes.EnrolledPeople, gallery.SkippedPeople,
            gallery.Probes.ProbeImages, gallery.DroppedProbes, Environment.ProcessorCount, loadAtStart, loadAtEnd, operations, total, samples,
            Passed: total.Count > 0 && total.Failures == 0);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The status as the report counts it: the HTTP status with the problem's code, or why no answer came.</summary>
    public static string StatusKey(RequestRecord r) => r.Status switch
    {
        0 => r.Error == "timeout" ? "timeout" : "exception",
        >= 200 and <= 299 => r.Error is null ? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{r.Status} unusable",
        _ => r.Error is null ? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{r.Status} {r.Error}",
    };

    private static OperationStats Stats(string operation, IReadOnlyList<RequestRecord> records, double seconds)
    {
        var statuses = records.GroupBy(StatusKey).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        int failures = records.Count(r => r.Failed);
        if (records.Count == 0)
        {
            return new OperationStats(operation, 0, 0, 0, 0, 0, 0, 0, 0, statuses, null);
        }

        var sorted = records.Select(r => r.LatencyMs).Order().ToArray();
        var judged = records.Where(r => r.Correct is not null).ToArray();
        return new OperationStats(operation, records.Count, failures, Math.Round(records.Count / seconds, 2),
            Round(LatencyStats.Percentile(sorted, 50)), Round(LatencyStats.Percentile(sorted, 95)), Round(LatencyStats.Percentile(sorted, 99)),
            Round(sorted[^1]), Round(sorted.Average()), statuses,
            judged.Length == 0 ? null : Math.Round(judged.Count(r => r.Correct == true) / (double)judged.Length, 4));
    }

    private static double Round(double ms) => Math.Round(ms, 1);
}
