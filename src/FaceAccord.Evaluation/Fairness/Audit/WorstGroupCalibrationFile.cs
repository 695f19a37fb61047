using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Puts a worst-group calibration's threshold into a pack's calibration file as the worst-group operating point
/// for its target FMR, so <c>verify</c> and identification use the threshold the audit chose and checked.
/// </summary>
/// <remarks>
/// Only the worst-group point of that target changes (a missing target gets a new row with the pooled point as its
/// overall one); every other row, the counts and the histograms stay. The data set note is appended to the file's
/// data sets, so the file says where the new threshold came from. The point's FMR is the highest evaluation FMR of
/// any group and its FNMR the pooled evaluation FNMR, both measured at the threshold.
/// </remarks>
public static class WorstGroupCalibrationFile
{
    // Target rates are decimal literals such as 1e-3; match them with the calibration file's own tolerance.
    private const double RateTolerance = 1e-9;

    /// <summary>A copy of <paramref name="file"/> whose worst-group point for the report's target is the report's threshold.</summary>
    public static CalibrationFile With(CalibrationFile file, WorstGroupReport report, string datasetNote)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetNote);
        if (report.Threshold is not { } threshold)
        {
            throw FaceAccordException.BadInput(
                "calibration-not-estimable",
                string.Create(CultureInfo.InvariantCulture, $"No group has enough impostor pairs to estimate FMR {report.TargetFmr:G3}; nothing to write."));
        }

        double worstFmr = report.Groups.Where(g => g.Fmr is not null).Select(g => g.Fmr!.Value).DefaultIfEmpty(report.Pooled.Fmr ?? 0).Max();
        var point = new OperatingPoint(threshold, worstFmr, report.Pooled.Fnmr, report.SetBy);
        var rows = file.Thresholds.ToList();
        int at = rows.FindIndex(r => Math.Abs(r.TargetFmr - report.TargetFmr) <= RateTolerance * r.TargetFmr);
        if (at >= 0)
        {
            rows[at] = rows[at] with { WorstGroup = point };
        }
        else
        {
            OperatingPoint? overall = report.PooledThreshold is { } pooled && report.Pooled.PooledFmr is { } pooledFmr
                ? new OperatingPoint(pooled, pooledFmr, report.Pooled.PooledFnmr)
                : null;
            rows.Add(new CalibrationRow(report.TargetFmr, overall, point, [], report.NotEstimable));
            rows.Sort((a, b) => b.TargetFmr.CompareTo(a.TargetFmr));
        }

        return new CalibrationFile
        {
            FormatVersion = file.FormatVersion,
            ModelId = file.ModelId,
            Datasets = [.. file.Datasets, datasetNote],
            CreatedAt = file.CreatedAt,
            MinExpectedFalseMatches = file.MinExpectedFalseMatches,
            Genuine = file.Genuine,
            Impostor = file.Impostor,
            ImpostorByGroup = file.ImpostorByGroup,
            Thresholds = rows,
            Histograms = file.Histograms,
        };
    }

    /// <summary>The data set note recorded with a written threshold: manifest, split, rule and outcome.</summary>
    public static string Note(string manifestPath, int images, WorstGroupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string split = report.Holdout is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"chosen on {report.CalibrationSubjects} subjects, measured on {report.EvaluationSubjects} held-out subjects (holdout {p:0.###}, seed {report.Seed})")
            : string.Create(CultureInfo.InvariantCulture, $"chosen and measured in-sample on {report.CalibrationSubjects} subjects (no holdout, seed {report.Seed})");
        string confidence = report.Confidence is { } c ? string.Create(CultureInfo.InvariantCulture, $", {report.Bound} bound {c:0.###} ({report.Resampling} bootstrap)") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"fairness worst-group FMR {report.TargetFmr:G3}{confidence}: {manifestPath} ({images} images), {split}; set by {report.SetBy}; every group within target: {(report.AllWithinTarget == true ? "yes" : "no")}");
    }
}
