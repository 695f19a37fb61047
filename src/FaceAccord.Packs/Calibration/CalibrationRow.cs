namespace FaceAccord.Packs.Calibration;

/// <summary>The thresholds calibrated for one target FMR, including which groups had too few pairs to say.</summary>
/// <param name="TargetFmr">The false-match rate asked for, e.g. 1e-4.</param>
/// <param name="Overall">The lowest threshold whose FMR over all impostor pairs is ≤ the target; null when
/// there are too few impostor pairs.</param>
/// <param name="WorstGroup">The highest of the overall and every group's threshold; null unless the overall
/// and every group are estimable at this rate.</param>
/// <param name="Groups">Each estimable group's own threshold, ordered by group name.</param>
/// <param name="NotEstimable">Groups with too few impostor pairs for this rate.</param>
public sealed record CalibrationRow(
    double TargetFmr,
    OperatingPoint? Overall,
    OperatingPoint? WorstGroup,
    IReadOnlyList<OperatingPoint> Groups,
    IReadOnlyList<string> NotEstimable);
