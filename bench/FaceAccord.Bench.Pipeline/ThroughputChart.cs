using System.Globalization;
using ScottPlot;

namespace FaceAccord.Bench.Pipeline;

/// <summary>The run's throughput as a bar chart (PNG), for docs and issue notes where a table reads poorly.</summary>
public static class ThroughputChart
{
    public static void Save(BenchSummary summary, string path)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<(string Label, double Value, Color Color)>
        {
            ($"Human\n{summary.Human.Engine}", summary.Human.ImagesPerSec, Colors.Gray),
        };
        rows.AddRange(summary.Ratios.Select(r => ($"FaceAccord\n{r.Variant}", r.FaceAccordImagesPerSec, Colors.SteelBlue)));

        var plot = new Plot();
        var bars = rows.Select((row, i) => new Bar
        {
            Position = i,
            Value = row.Value,
            FillColor = row.Color,
            Label = i == 0
                ? row.Value.ToString("F1", CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{row.Value:F1} ({row.Value / summary.Human.ImagesPerSec:F1}x)"),
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => r.Label)]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Face pipeline throughput, {summary.Images} LFW images, {summary.LogicalCores} cores"));
        plot.YLabel("images / second");
        plot.SavePng(path, 720, 480);
    }
}
