using System.Globalization;
using ScottPlot;

namespace FaceAccord.Bench.Search;

/// <summary>Identification latency against gallery size for both indexes (log–log), the picture of why HNSW exists.</summary>
public static class LatencyChart
{
    public static void Save(SearchBenchSummary summary, string path)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var plot = new Plot();
        double[] xs = [.. summary.Sizes.Select(s => Math.Log10(s.Size))];
        AddLine(plot, xs, summary.Sizes.Select(s => s.Exact.P50Ms), "exact p50", Colors.SteelBlue, LinePattern.Solid);
        AddLine(plot, xs, summary.Sizes.Select(s => s.Exact.P99Ms), "exact p99", Colors.SteelBlue, LinePattern.Dashed);
        AddLine(plot, xs, summary.Sizes.Select(s => s.Hnsw.P50Ms), "HNSW p50", Colors.DarkOrange, LinePattern.Solid);
        AddLine(plot, xs, summary.Sizes.Select(s => s.Hnsw.P99Ms), "HNSW p99", Colors.DarkOrange, LinePattern.Dashed);

        double[] all = [.. summary.Sizes.SelectMany(s => new[] { s.Exact.P50Ms, s.Exact.P99Ms, s.Hnsw.P50Ms, s.Hnsw.P99Ms })];
        SetDecadeTicks(plot.Axes.Bottom, xs.Min(), xs.Max(), v => v.ToString("N0", CultureInfo.InvariantCulture));
        SetDecadeTicks(plot.Axes.Left, Math.Log10(all.Min()), Math.Log10(all.Max()), v => v.ToString("G4", CultureInfo.InvariantCulture));
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Identification latency (top {summary.Top}, one query at a time), {summary.Dimensions}-d, {summary.LogicalCores} cores"));
        plot.XLabel("gallery faces");
        plot.YLabel("milliseconds per query");
        plot.SavePng(path, 800, 520);
    }

    private static void AddLine(Plot plot, double[] xs, IEnumerable<double> ms, string label, Color color, LinePattern pattern)
    {
        var line = plot.Add.Scatter(xs, [.. ms.Select(Math.Log10)]);
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.MarkerSize = 7;
    }

    private static void SetDecadeTicks(ScottPlot.IAxis axis, double lo, double hi, Func<double, string> format)
    {
        var ticks = new List<(double, string)>();
        for (int e = (int)Math.Floor(lo); e <= (int)Math.Ceiling(hi); e++)
        {
            foreach (int m in new[] { 1, 2, 5 })
            {
                double v = m * Math.Pow(10, e);
                double at = Math.Log10(v);
                if (at >= lo - 0.15 && at <= hi + 0.15)
                {
                    ticks.Add((at, format(v)));
                }
            }
        }

        axis.SetTicks([.. ticks.Select(t => t.Item1)], [.. ticks.Select(t => t.Item2)]);
    }
}
