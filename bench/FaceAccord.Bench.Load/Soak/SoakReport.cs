using System.Globalization;
using System.Text.Json;

namespace FaceAccord.Bench.Load.Soak;

/// <summary>Resident memory after the warm-up: its level then, at the end, and the furthest any sample strayed from the first.</summary>
public sealed record RssFigures(double AtWarmupMiB, double AtEndMiB, double MinMiB, double MaxMiB, double MaxDeviation, bool Flat, int Samples);

/// <summary>
/// What a soak showed, in the shape of results/latest.json: how it ran (rate, mix, duration, machine load), every
/// operation's answers by status, the 5xx and unanswered counts, and RSS after the warm-up. Passed: no 5xx, every
/// request answered, RSS flat within <see cref="SoakSettings.FlatTolerance"/>.
/// </summary>
public sealed record SoakReport(
    DateTimeOffset FinishedAt,
    string Url,
    double OperationsPerSecond,
    int MaxInFlight,
    int DurationSeconds,
    int WarmupSeconds,
    double ElapsedSeconds,
    int Seed,
    int GalleryPeople,
    int ConsentSeconds,
    int LogicalCores,
    IReadOnlyList<double> LoadAverageAtStart,
    IReadOnlyList<double> LoadAverageAtEnd,
    int OperationsStarted,
    int OperationsBehind,
    int Requests,
    IReadOnlyDictionary<string, int> Answers,
    int ServerErrors,
    int Unanswered,
    RssFigures? Rss,
    IReadOnlyList<string> FailureSamples,
    bool Passed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SoakReport From(SoakSettings settings, LoadGallery gallery, SoakRun run, IReadOnlyList<double> loadAtStart, IReadOnlyList<double> loadAtEnd)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(run);
        var answers = run.Records
            .GroupBy(r => $"{r.Operation} {(r.Status == 0 ? r.Error : r.Status.ToString(CultureInfo.InvariantCulture))}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        int serverErrors = run.Records.Count(r => r.Status >= 500);
        int unanswered = run.Records.Count(r => r.Status == 0);
        var rss = Figures(run.Samples, settings.WarmupSeconds);
        return new SoakReport(
            DateTimeOffset.UtcNow, settings.Url.ToString(), settings.OperationsPerSecond, settings.MaxInFlight, settings.DurationSeconds,
            settings.WarmupSeconds, run.Elapsed.TotalSeconds, settings.Seed, gallery.Probes.EnrolledPeople, settings.ConsentSeconds,
            Environment.ProcessorCount, loadAtStart, loadAtEnd, run.Started, run.Behind, run.Records.Count, answers, serverErrors, unanswered,
            rss, run.FailureSamples, serverErrors == 0 && unanswered == 0 && rss is { Flat: true });
    }

    /// <summary>
    /// The level at the end of the warm-up is the median of the first minute after it (one sample is noise: a
    /// collection may just have run); the end level is the median of the last minute. Null without samples after the warm-up.
    /// </summary>
    public static RssFigures? Figures(IReadOnlyList<RssSample> samples, int warmupSeconds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var after = samples.Where(s => s.Seconds >= warmupSeconds).ToArray();
        if (after.Length == 0)
        {
            return null;
        }

        double start = Median(after.Where(s => s.Seconds < warmupSeconds + 60).Select(s => s.RssMiB));
        double end = Median(after.Where(s => s.Seconds >= after[^1].Seconds - 60).Select(s => s.RssMiB));
        double min = after.Min(s => s.RssMiB), max = after.Max(s => s.RssMiB);
        double deviation = Math.Max(max - start, start - min) / start;
        return new RssFigures(start, end, min, max, deviation, deviation <= SoakSettings.FlatTolerance, after.Length);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{OperationsStarted} operations started in {ElapsedSeconds:F0} s ({OperationsPerSecond:G3}/s offered, at most {MaxInFlight} in flight; {OperationsBehind} due while all were busy, not sent)"));
        foreach (var (answer, count) in Answers)
        {
            output.WriteLine(string.Create(c, $"  {answer,-28} {count,7}"));
        }

        output.WriteLine(string.Create(c, $"5xx: {ServerErrors}, unanswered: {Unanswered}"));
        output.WriteLine(Rss is { } r
            ? string.Create(c, $"RSS after the {WarmupSeconds} s warm-up: {r.AtWarmupMiB:F0} MiB, at the end {r.AtEndMiB:F0} MiB, range {r.MinMiB:F0}-{r.MaxMiB:F0} MiB, furthest {r.MaxDeviation:P1} from the start: {(r.Flat ? "flat" : "NOT flat")} within {SoakSettings.FlatTolerance:P0} ({r.Samples} samples)")
            : "RSS: no sample after the warm-up (the run was shorter than the warm-up, or the server was gone)");
        foreach (string failure in FailureSamples)
        {
            output.WriteLine("  e.g. " + failure);
        }

        output.WriteLine(Passed ? "PASSED" : "FAILED");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
