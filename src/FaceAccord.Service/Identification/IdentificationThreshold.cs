using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Service.Identification;

/// <summary>
/// The comparison threshold of an open-set search. A search of a gallery of N subjects returns a
/// stranger when any of N comparisons is a false match, so FPIR ≈ N · FMR and each comparison must
/// meet FMR ≤ FPIR / N: the threshold rises with the gallery and the promised FPIR holds as it grows.
/// Only calibrated operating points are used, always the loosest one that is at least as strict as
/// needed. The worst-group row is preferred; when the needed rate is beyond what the worst group's
/// pairs can estimate, the pooled row for that rate is used, but never below the strictest worst-group
/// threshold, and the answer says so (<see cref="Basis"/>).
/// </summary>
public sealed record IdentificationThreshold(double? Threshold, double Fpir, double? ComparisonFmr, int GallerySubjects, string Basis)
{
    // Targets are decimal literals (1e-4); allow for their binary rounding only.
    private const double RateTolerance = 1e-9;

    public const string ClosedSet = "closed-set";
    public const string WorstGroup = "worst-group";
    public const string OverallWithWorstGroupFloor = "overall-with-worst-group-floor";

    /// <summary>The threshold for <paramref name="fpir"/> on a gallery of <paramref name="subjects"/> subjects.</summary>
    public static IdentificationThreshold For(CalibrationFile calibration, double fpir, int subjects)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (!(fpir > 0 && fpir <= 1) || double.IsNaN(fpir))
        {
            throw FaceAccordException.BadInput("fpir-invalid", "fpir must be in (0, 1]; 1 means a closed-set search without a threshold.");
        }

        int n = Math.Max(1, subjects);
        if (fpir >= 1)
        {
            return new IdentificationThreshold(null, 1, null, subjects, ClosedSet);
        }

        double needed = fpir / n;
        var rows = calibration.Thresholds.Where(r => r.TargetFmr <= needed * (1 + RateTolerance)).ToList();
        var worst = rows.Where(r => r.WorstGroup is not null).MaxBy(r => r.TargetFmr);
        if (worst is not null)
        {
            return new IdentificationThreshold(worst.WorstGroup!.Threshold, fpir, worst.TargetFmr, subjects, WorstGroup);
        }

        var overall = rows.Where(r => r.Overall is not null).MaxBy(r => r.TargetFmr);
        var strictestWorst = calibration.Thresholds.Where(r => r.WorstGroup is not null).MinBy(r => r.TargetFmr);
        if (overall is null || strictestWorst is null)
        {
            double reachable = calibration.Thresholds.Where(r => r.Overall is not null).Select(r => r.TargetFmr).DefaultIfEmpty(double.NaN).Min();
            throw FaceAccordException.BadInput(
                "fpir-not-calibrated",
                string.Create(CultureInfo.InvariantCulture,
                    $"A gallery of {n} subjects at FPIR {fpir:G3} needs FMR {needed:G3} per comparison, stricter than anything the calibration of {calibration.ModelId} measured (down to {reachable:G3}); ask for fpir ≥ {n * reachable:G3} or recalibrate with more impostor pairs."));
        }

        double threshold = Math.Max(overall.Overall!.Threshold, strictestWorst.WorstGroup!.Threshold);
        return new IdentificationThreshold(threshold, fpir, overall.TargetFmr, subjects, OverallWithWorstGroupFloor);
    }
}
