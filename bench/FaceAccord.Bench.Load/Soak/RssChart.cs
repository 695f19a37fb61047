using System.Globalization;
using ScottPlot;

namespace FaceAccord.Bench.Load.Soak;

/// <summary>The server's RSS over the run (PNG), with the end of the warm-up and the ±10% band around the level there.</summary>
public static class RssChart
{
    public static void Save(SoakReport report, IReadOnlyList<RssSample> samples, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(samples);
        var plot = new Plot();
        var line = plot.Add.Scatter(samples.Select(s => s.Seconds / 60).ToArray(), samples.Select(s => s.RssMiB).ToArray());
        line.LegendText = "RSS of faceaccord serve";
        line.MarkerSize = 0;
        line.LineWidth = 2;
        var warmup = plot.Add.VerticalLine(report.WarmupSeconds / 60.0);
        warmup.LinePattern = LinePattern.Dashed;
        warmup.Color = Colors.Gray;
        warmup.LegendText = "end of warm-up";
        if (report.Rss is { } rss)
        {
            foreach (double bound in new[] { 1 - SoakSettings.FlatTolerance, 1 + SoakSettings.FlatTolerance })
            {
                var band = plot.Add.HorizontalLine(rss.AtWarmupMiB * bound);
                band.LinePattern = LinePattern.Dotted;
                band.Color = Colors.Red;
            }
        }

        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"FaceAccord soak: RSS over {report.ElapsedSeconds / 60:F0} min, {report.OperationsPerSecond:G3} mixed operations/s, {report.LogicalCores} cores"));
        plot.XLabel("minutes");
        plot.YLabel("resident memory (MiB)");
        plot.Axes.SetLimitsY(0, Math.Max(samples.Count == 0 ? 1 : samples.Max(s => s.RssMiB), report.Rss?.AtWarmupMiB * 1.15 ?? 0) * 1.05);
        plot.SavePng(path, 900, 500);
    }
}
