using System.Globalization;
using System.Net;
using System.Text;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>Writes an audit as one self-contained HTML page (charts inlined as PNG data URIs) that can be mailed or archived alone.</summary>
public static class FairnessHtmlReport
{
    /// <summary>Writes <c>fairness.html</c> plus its PNG charts (two, three with a worst-group calibration) into <paramref name="directory"/>; returns the page's path.</summary>
    public static string Write(string directory, FairnessAuditOutcome outcome)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(outcome);
        Directory.CreateDirectory(directory);
        var report = outcome.Report;
        string fmrChart = Path.Combine(directory, "fmr-by-group.png");
        string histChart = Path.Combine(directory, "impostor-scores.png");
        FairnessCharts.SaveFmrByGroup(fmrChart, report, report.Breakdowns[0]);
        FairnessCharts.SaveImpostorHistograms(histChart, report, outcome.Comparisons);

        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FaceAccord demographic audit</title>\n")
         .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
         .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}img{max-width:100%}</style>\n")
         .Append("</head><body>\n<h1>Demographic audit</h1>\n<table>\n");
        Row(h, "model", report.Model);
        Row(h, "manifest", report.Manifest);
        Row(h, "images (without face)", $"{report.Images} ({report.ImagesWithoutFace})");
        Row(h, "scores", Reports.ScoreAxis.Label(report.Scoring));
        Row(h, "threshold", F($"{report.Threshold:0.0000} (calibrated worst-group for FMR {report.TargetFmr:G3})"));
        Row(h, "impostor pairs per group, at most", F($"{report.MaxImpostorsPerGroup}"));
        Row(h, "seed", F($"{report.Seed}"));
        Row(h, "intervals", F($"{report.ConfidenceLevel:P0} percentile, subject bootstrap, {report.BootstrapResamples} resamples"));
        h.Append("</table>\n");
        h.Append("<h2>FMR per group</h2>\n");
        Image(h, fmrChart, "FMR per group with intervals");
        h.Append("<h2>Impostor scores per group</h2>\n");
        Image(h, histChart, "Impostor score histograms per group");
        if (report.WorstGroup is { } wg)
        {
            string wgChart = Path.Combine(directory, "worst-group-fmr.png");
            FairnessCharts.SaveWorstGroupFmr(wgChart, wg);
            WorstGroup(h, wg, wgChart);
        }

        foreach (var b in report.Breakdowns)
        {
            Breakdown(h, b);
        }

        h.Append("</body></html>\n");
        string path = Path.Combine(directory, "fairness.html");
        File.WriteAllText(path, h.ToString());
        return path;
    }

    private static void WorstGroup(StringBuilder h, WorstGroupReport wg, string chart)
    {
        h.Append("<h2>Worst-group calibration</h2>\n<table>\n");
        Row(h, "target FMR", F($"{wg.TargetFmr:G3}"));
        Row(h, "rule", wg.Rule);
        Row(h, "evaluated on", wg.Evaluation);
        Row(h, "subjects: calibration / evaluation", F($"{wg.CalibrationSubjects} / {wg.EvaluationSubjects}"));
        Row(h, "images without a value in every group column", F($"{wg.UnlabelledImages}"));
        Row(h, "worst-group threshold (set by)", wg.Threshold is { } t ? F($"{t:0.0000} ({wg.SetBy})") : "none: no group can estimate the target");
        Row(h, "pooled (global) threshold", wg.PooledThreshold is { } p ? F($"{p:0.0000}") : "none: too few impostor pairs");
        Row(h, "groups not estimable, left out", wg.NotEstimable.Count == 0 ? "none" : string.Join(", ", wg.NotEstimable));
        Row(h, "every group within target", wg.AllWithinTarget is { } ok ? (ok ? "yes" : "NO") : "—");
        if (wg.WrittenTo is { } written)
        {
            Row(h, "written to", written);
        }

        h.Append("</table>\n");
        Image(h, chart, "FMR per group at the worst-group threshold with the target line");
        h.Append("<table>\n<tr><th>group</th><th>own threshold (calibration)</th><th>calibration impostor pairs</th><th>impostor pairs</th><th>false matches</th>")
         .Append("<th>FMR</th><th>FMR interval</th><th>margin (target − FMR)</th><th>FMR at pooled threshold</th><th>genuine pairs</th>")
         .Append("<th>FNMR</th><th>FNMR interval</th><th>FNMR at pooled threshold</th><th>FNMR cost</th></tr>\n");
        foreach (var g in wg.Groups.Append(wg.Pooled))
        {
            h.Append("<tr><td>").Append(E(g.Group)).Append("</td>");
            Cells(h, g.OwnThreshold is { } own ? F($"{own:0.0000}") : "not estimable", F($"{g.CalibrationImpostorPairs}"),
                F($"{g.ImpostorPairs}{(g.EstimableAtTarget ? "" : " (too few)")}"), F($"{g.FalseMatches}"), Rate(g.Fmr), Interval(g.FmrLower, g.FmrUpper),
                g.Margin is { } m ? F($"{m:+0.00000;-0.00000;0}") : "—", Rate(g.PooledFmr), F($"{g.GenuinePairs}"),
                Rate(g.Fnmr), Interval(g.FnmrLower, g.FnmrUpper), Rate(g.PooledFnmr), g.FnmrCost is { } c ? F($"{c:+0.00000;-0.00000;0}") : "—");
            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void Breakdown(StringBuilder h, AuditBreakdown b)
    {
        h.Append("<h2>Groups by ").Append(E(string.Join(" × ", b.Columns))).Append("</h2>\n");
        if (b.UnlabelledImages > 0)
        {
            h.Append("<p>").Append(F($"{b.UnlabelledImages} images have no value in one of these columns and are left out.")).Append("</p>\n");
        }

        h.Append("<table>\n<tr><th>group</th><th>images</th><th>subjects</th>")
         .Append("<th>impostor pairs</th><th>false matches</th><th>FMR</th><th>FMR interval</th><th>genuine pairs</th><th>false non-matches</th>")
         .Append("<th>FNMR</th><th>FNMR interval</th>");
        foreach (double t in GroupThresholds.AuditTargetFmrs)
        {
            h.Append("<th>FNMR @ FMR ").Append(F($"{t:G3}")).Append("</th>");
        }

        h.Append("</tr>\n");
        foreach (var g in b.Groups)
        {
            h.Append("<tr><td>").Append(E(g.Group)).Append("</td>");
            Cells(h, F($"{g.Images}"), F($"{g.Subjects}"), F($"{g.ImpostorPairs}"), F($"{g.FalseMatches}"), Rate(g.Fmr), Interval(g.FmrLower, g.FmrUpper),
                F($"{g.GenuinePairs}"), F($"{g.FalseNonMatches}"), Rate(g.Fnmr), Interval(g.FnmrLower, g.FnmrUpper));
            foreach (double t in GroupThresholds.AuditTargetFmrs)
            {
                var p = g.FnmrAtFmr.FirstOrDefault(x => x.TargetFmr == t)?.Point;
                Cells(h, p is null ? "not estimable" : p.Fnmr is { } f ? F($"{Rate(f)} (τ {p.Threshold:0.000})") : F($"— (τ {p.Threshold:0.000})"));
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
        if (b.Summary is { } s)
        {
            h.Append("<table><tr><th>summary measure</th><th>value</th></tr>\n");
            Row(h, "groups", F($"{s.Groups}"));
            Row(h, "FMR max/min ratio", Number(s.FmrMaxMinRatio));
            Row(h, "FNMR max/min ratio", Number(s.FnmrMaxMinRatio));
            Row(h, "FMR inequity (max / geometric mean)", Number(s.FmrInequity));
            Row(h, "FNMR inequity (max / geometric mean)", Number(s.FnmrInequity));
            Row(h, F($"FDR (α {s.Alpha}), 1 = fair"), Number(s.Fdr));
            Row(h, "Gini FMR", Number(s.GiniFmr));
            Row(h, "Gini FNMR", Number(s.GiniFnmr));
            Row(h, "GARBE, 0 = fair", Number(s.Garbe));
            h.Append("</table>\n");
        }

        if (b.SummaryNote is { } note)
        {
            h.Append("<p>").Append(E(note)).Append("</p>\n");
        }

        if (b.FmrDifferentials is { } d)
        {
            h.Append("<table><tr><th>FMR differential</th><th>value</th></tr>\n");
            Row(h, "groups with impostor pairs", F($"{d.Groups}"));
            Row(h, "FMR max/min ratio", Number(d.FmrMaxMinRatio));
            Row(h, "FMR inequity (max / geometric mean)", Number(d.FmrInequity));
            Row(h, "Gini FMR", Number(d.GiniFmr));
            Row(h, "FMR max − min", Number(d.FmrMaxDifference));
            h.Append("</table>\n");
        }
    }

    private static void Image(StringBuilder h, string png, string alt) =>
        h.Append("<p><img alt=\"").Append(E(alt)).Append("\" src=\"data:image/png;base64,")
         .Append(Convert.ToBase64String(File.ReadAllBytes(png))).Append("\"></p>\n");

    private static void Row(StringBuilder h, string name, string value) =>
        h.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");

    private static void Cells(StringBuilder h, params string[] values)
    {
        foreach (string v in values)
        {
            h.Append("<td>").Append(E(v)).Append("</td>");
        }
    }

    private static string Rate(double? r) => r is { } v ? F($"{v:0.00000}") : "—";

    private static string Number(double? r) => r is { } v ? F($"{v:0.0000}") : "unbounded";

    private static string Interval(double? lo, double? hi) => lo is { } l && hi is { } u ? F($"[{l:0.00000}, {u:0.00000}]") : "—";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
