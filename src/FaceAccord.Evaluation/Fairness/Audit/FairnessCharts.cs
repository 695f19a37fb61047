using System.Globalization;
using ScottPlot;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>The two pictures of an audit: FMR per group with its interval, and each group's impostor score distribution.</summary>
public static class FairnessCharts
{
    /// <summary>Point FMR per group with its bootstrap interval and the target FMR as a line, saved as PNG.</summary>
    public static void SaveFmrByGroup(string path, FairnessAuditReport report, AuditBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(breakdown);
        var plot = new Plot();
        var rows = breakdown.Groups;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Fmr is not { } fmr)
            {
                continue;
            }

            if (rows[i].FmrLower is { } lo && rows[i].FmrUpper is { } hi)
            {
                var interval = plot.Add.Line(i, lo, i, hi);
                interval.LineColor = Colors.SteelBlue;
                interval.LineWidth = 2;
            }

            var point = plot.Add.Markers(new[] { (double)i }, new[] { fmr });
            point.Color = Colors.IndianRed;
            point.MarkerSize = 9;
        }

        var target = plot.Add.HorizontalLine(report.TargetFmr);
        target.LineColor = Colors.Black;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = string.Create(CultureInfo.InvariantCulture, $"target FMR {report.TargetFmr:G3}");
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Group)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 160;

        // Extra room on the right for the last slanted label.
        plot.Axes.SetLimitsX(-0.5, rows.Count + 0.3);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"FMR per group at threshold {report.Threshold:0.000} ({report.ConfidenceLevel:P0} subject-bootstrap intervals)"));
        plot.YLabel("false-match rate");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 560);
    }

    /// <summary>Each group's impostor score histogram (share of its pairs per bin) as a line, with the threshold, saved as PNG.</summary>
    public static void SaveImpostorHistograms(string path, FairnessAuditReport report, IReadOnlyList<GroupedComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(comparisons);
        var impostors = comparisons.Where(c => !c.IsGenuine && double.IsFinite(c.Score)).ToList();
        double lo = impostors.Count > 0 ? Math.Floor(impostors.Min(c => c.Score) * 20) / 20 : -1;
        double hi = Math.Max(impostors.Count > 0 ? Math.Ceiling(impostors.Max(c => c.Score) * 20) / 20 : 1, report.Threshold + 0.05);
        const int bins = 60;
        double width = (hi - lo) / bins;
        double[] centres = [.. Enumerable.Range(0, bins).Select(i => lo + ((i + 0.5) * width))];
        var plot = new Plot();
        foreach (var group in impostors.GroupBy(c => c.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var share = new double[bins];
            int n = 0;
            foreach (var c in group)
            {
                share[Math.Clamp((int)((c.Score - lo) / width), 0, bins - 1)]++;
                n++;
            }

            for (int i = 0; i < bins; i++)
            {
                share[i] /= n;
            }

            var line = plot.Add.Scatter(centres, share);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = $"{group.Key} ({n})";
        }

        var threshold = plot.Add.VerticalLine(report.Threshold);
        threshold.LineColor = Colors.Black;
        threshold.LinePattern = LinePattern.Dashed;
        threshold.LegendText = string.Create(CultureInfo.InvariantCulture, $"threshold {report.Threshold:0.000}");
        plot.Title("Impostor score distribution per group");
        plot.XLabel(Reports.ScoreAxis.Label(report.Scoring));
        plot.YLabel("share of the group's impostor pairs");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 560);
    }

    /// <summary>Each group's evaluation FMR at the worst-group threshold with its interval, beside the target line,
    /// so a group above the line (a broken promise) or close to it shows at a glance.</summary>
    public static void SaveWorstGroupFmr(string path, WorstGroupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var rows = report.Groups.Append(report.Pooled).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Fmr is not { } fmr)
            {
                continue;
            }

            if (rows[i].FmrLower is { } lo && rows[i].FmrUpper is { } hi)
            {
                var interval = plot.Add.Line(i, lo, i, hi);
                interval.LineColor = Colors.SteelBlue;
                interval.LineWidth = 2;
            }

            var point = plot.Add.Markers(new[] { (double)i }, new[] { fmr });
            point.Color = fmr <= report.TargetFmr ? Colors.SeaGreen : Colors.Crimson;
            point.MarkerSize = 9;
        }

        var target = plot.Add.HorizontalLine(report.TargetFmr);
        target.LineColor = Colors.Black;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = string.Create(CultureInfo.InvariantCulture, $"target FMR {report.TargetFmr:G3}");
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Group)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 160;
        plot.Axes.SetLimitsX(-0.5, rows.Count + 0.3);

        // The target line must show even when every group lies far below it.
        double top = rows.Select(r => r.FmrUpper ?? r.Fmr ?? 0).Append(report.TargetFmr).Max();
        plot.Axes.SetLimitsY(0, top * 1.15);
        string part = report.Holdout is null ? "calibration pairs (in-sample)" : "held-out subjects";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"FMR per group on {part} at worst-group threshold {report.Threshold:0.0000}"));
        plot.YLabel("false-match rate");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 560);
    }
}
