using System.Globalization;
using ScottPlot;

namespace FaceAccord.Evaluation.Reports;

/// <summary>
/// Genuine and impostor score histograms with the decision threshold: the one picture that shows how
/// well a protocol separates people and where the errors sit.
/// </summary>
public static class ScoreDistributionChart
{
    /// <param name="scoring">The scorer's method (<c>TemplateScorer.Method</c>), which names the score axis.</param>
    public static void Save(string path, string title, IReadOnlyList<double> genuine, IReadOnlyList<double> impostor, double threshold, string scoring)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        var finite = genuine.Concat(impostor).Where(double.IsFinite).ToList();
        double lo = finite.Count > 0 ? Math.Floor(finite.Min() * 20) / 20 : -1;
        double hi = finite.Count > 0 ? Math.Ceiling(finite.Max() * 20) / 20 : 1;
        if (hi <= lo)
        {
            hi = lo + 0.05;
        }

        const int bins = 80;
        double width = (hi - lo) / bins;
        var plot = new Plot();
        AddHistogram(plot, impostor, lo, width, bins, Colors.IndianRed, $"impostor pairs ({impostor.Count})");
        AddHistogram(plot, genuine, lo, width, bins, Colors.SteelBlue, $"genuine pairs ({genuine.Count})");
        var line = plot.Add.VerticalLine(threshold);
        line.LineColor = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:0.000}");
        plot.Title(title);
        plot.XLabel(ScoreAxis.Label(scoring));
        plot.YLabel("share of pairs");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 500);
    }

    private static void AddHistogram(Plot plot, IReadOnlyList<double> scores, double lo, double width, int bins, Color color, string label)
    {
        var counts = new double[bins];
        int n = 0;
        foreach (double s in scores.Where(double.IsFinite))
        {
            counts[Math.Clamp((int)((s - lo) / width), 0, bins - 1)]++;
            n++;
        }

        var bars = counts.Select((c, i) => new Bar
        {
            Position = lo + ((i + 0.5) * width),
            Value = n == 0 ? 0 : c / n,
            Size = width,
            FillColor = color.WithAlpha(0.6),
            LineWidth = 0,
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.LegendText = label;
    }
}
