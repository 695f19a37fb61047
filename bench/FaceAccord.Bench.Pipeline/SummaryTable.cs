using System.Globalization;

namespace FaceAccord.Bench.Pipeline;

/// <summary>The few lines a person reads after a run: one row per program, then each ratio against the target.</summary>
public static class SummaryTable
{
    public static void Print(BenchSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        var h = summary.Human;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{summary.Images} LFW images, {summary.LogicalCores} logical cores, {summary.CpuModel}"));
        output.WriteLine(string.Create(inv, $"{"program",-52} {"img/s",7} {"ms med",7} {"ms p90",7} {"faces",6} {"peak MiB",9} {"wall s",7}"));
        output.WriteLine(string.Create(inv, $"{$"Human {h.Engine}, {h.Processes} processes",-52} {h.ImagesPerSec,7:F2} {h.MsMedianPerProcess.Average(),7:F1} {h.MsP90PerProcess.Average(),7:F1} {h.ImagesWithFace,6} {h.PeakRssMiBTotal,9:F0} {h.WallSeconds,7:F1}"));
        foreach (var f in summary.FaceAccord)
        {
            output.WriteLine(string.Create(inv, $"{$"FaceAccord {f.Variant} ({Embedders(f)}), {f.Workers} workers",-52} {f.ImagesPerSec,7:F2} {f.MsMedian,7:F1} {f.MsP90,7:F1} {f.ImagesWithFace,6} {f.PeakWorkingSetMiB,9:F0} {f.ProcessWallSeconds,7:F1}"));
        }

        foreach (var r in summary.Ratios)
        {
            string verdict = r.MeetsTarget ? "meets" : "misses";
            output.WriteLine(string.Create(inv, $"ratio FaceAccord {r.Variant} / Human: {r.Ratio:F2}x  ({verdict} the {summary.TargetRatio:F1}x target)"));
        }

        var loads = h.LoadAverageAtStart.Select(l => l?.ToString("F1", inv) ?? "?").Concat(summary.FaceAccord.Select(f => f.LoadAverageAtStart?.ToString("F1", inv) ?? "?"));
        output.WriteLine($"load average at each start (Human a, b, then FaceAccord): {string.Join(", ", loads)}");
    }

    /// <summary>The embedders part of a model id ("pack/faceres+dlib-resnet" gives "faceres+dlib-resnet").</summary>
    private static string Embedders(PipelineRunResult run) => run.ModelId[(run.ModelId.LastIndexOf('/') + 1)..];
}
