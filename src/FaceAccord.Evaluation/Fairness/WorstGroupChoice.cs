using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>The threshold worst-group calibration chose and what set it, with each group's own threshold beside
/// the single pooled one, so the cost of protecting the worst-served group can be read off.</summary>
/// <param name="TargetFmr">The false-match rate every estimable group must stay within.</param>
/// <param name="Confidence">The one-sided confidence of the thresholds; null when they are point estimates.</param>
/// <param name="Threshold">The highest of the pooled and every estimable group's threshold; null when no group is estimable.</param>
/// <param name="SetBy">The group whose threshold is <paramref name="Threshold"/> (<see cref="WorstGroupCalibration.PooledGroup"/>
/// when the pooled one is strictly highest); null with <paramref name="Threshold"/>.</param>
/// <param name="Pooled">One global calibration over all impostor pairs pooled, with its FMR and FNMR on the same
/// comparisons; null when the pooled pairs cannot estimate the target.</param>
/// <param name="Groups">Each group's own threshold with its FMR and FNMR there (a null point: not estimable), ordinal order.</param>
/// <param name="NotEstimable">Groups with fewer than 10/target impostor pairs, which the choice leaves out.</param>
public sealed record WorstGroupChoice(
    double TargetFmr,
    double? Confidence,
    double? Threshold,
    string? SetBy,
    OperatingPoint? Pooled,
    IReadOnlyList<GroupFnmrAtFmr> Groups,
    IReadOnlyList<string> NotEstimable);
