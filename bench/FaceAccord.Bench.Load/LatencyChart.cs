using System.Globalization;
using ScottPlot;

namespace FaceAccord.Bench.Load;

/// <summary>
/// Latency against percentile per operation (PNG), on a "nines" axis so p99 and p99.9 get as much room as
/// the median: a tail is what a load test is about, and a histogram squeezes it into one bar.
/// </summary>
public static class LatencyChart
{
    public static void Save(LoadReport report, IReadOnlyList<RequestRecord> records, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(records);
        var plot = new Plot();
        int maxNines = 0;
        foreach (string operation in report.Operations.Select(o => o.Operation))
        {
            var sorted = records.Where(r => r.Operation == operation).Select(r => r.LatencyMs).Order().ToArray();
            if (sorted.Length == 0)
            {
                continue;
            }

            // Point i sits at percentile i/n, drawn at x = -log10(1 - i/n): 1 is p90, 2 is p99, 3 is p99.9.
            var xs = sorted.Select((_, i) => -Math.Log10(1 - (i / (double)sorted.Length))).ToArray();
            var line = plot.Add.Scatter(xs, sorted);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{operation} (n={sorted.Length})");
            line.MarkerSize = 0;
            line.LineWidth = 2;
            maxNines = Math.Max(maxNines, (int)Math.Floor(xs[^1]));
        }

        var ticks = Enumerable.Range(0, maxNines + 1).ToArray();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => (double)t)], [.. ticks.Select(Label)]);
        var p99 = plot.Add.VerticalLine(2);
        p99.LinePattern = LinePattern.Dashed;
        p99.Color = Colors.Gray;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"FaceAccord API latency, {report.Clients} clients, {report.ElapsedSeconds:F0} s, {report.LogicalCores} cores, loopback"));
        plot.XLabel("percentile");
        plot.YLabel("latency (ms)");
        plot.SavePng(path, 800, 500);
    }

    private static string Label(int nines) => nines switch
    {
        0 => "p0",
        1 => "p90",
        _ => "p99" + (nines > 2 ? "." + new string('9', nines - 2) : ""),
    };
}
