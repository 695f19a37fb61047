namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// One group under worst-group calibration: how it was calibrated, and on the evaluation part (held-out subjects
/// when there is a holdout) its FMR and FNMR at the worst-group threshold and at the pooled one, with intervals,
/// so the margin to the target and the FNMR the protection costs are both visible.
/// </summary>
/// <param name="Group">The label, e.g. <c>race=Asian|gender=female</c>, or <c>pooled</c> for all groups together.</param>
/// <param name="CalibrationSubjects">Subjects of the group in the calibration part.</param>
/// <param name="CalibrationImpostorPairs">Impostor pairs the threshold was chosen from, failed ones included.</param>
/// <param name="OwnThreshold">The group's own threshold for the target on the calibration part; null when not estimable.</param>
/// <param name="Subjects">Subjects of the group in the evaluation part.</param>
/// <param name="ImpostorPairs">Evaluation impostor pairs, failed ones included.</param>
/// <param name="GenuinePairs">Evaluation genuine pairs, failed ones included.</param>
/// <param name="EstimableAtTarget">Whether the evaluation impostor pairs can estimate the target (n·r ≥ 10); a
/// measured FMR of a group that cannot is a weak check.</param>
/// <param name="FalseMatches">Evaluation impostor pairs at or above the worst-group threshold.</param>
/// <param name="Fmr">FMR at the worst-group threshold; null without impostor pairs.</param>
/// <param name="FmrLower">Lower end of its subject-bootstrap interval.</param>
/// <param name="FmrUpper">Upper end of its interval.</param>
/// <param name="Margin">Target minus <paramref name="Fmr"/>: negative when the group exceeds the target.</param>
/// <param name="PooledFmr">FMR at the pooled threshold.</param>
/// <param name="PooledFmrLower">Lower end of its interval.</param>
/// <param name="PooledFmrUpper">Upper end of its interval.</param>
/// <param name="Fnmr">FNMR at the worst-group threshold; null without genuine pairs.</param>
/// <param name="FnmrLower">Lower end of its interval.</param>
/// <param name="FnmrUpper">Upper end of its interval.</param>
/// <param name="PooledFnmr">FNMR at the pooled threshold.</param>
/// <param name="PooledFnmrLower">Lower end of its interval.</param>
/// <param name="PooledFnmrUpper">Upper end of its interval.</param>
/// <param name="FnmrCost">Fnmr minus PooledFnmr: the genuine users the worst-group threshold turns away beyond the pooled one.</param>
public sealed record WorstGroupRow(
    string Group,
    int CalibrationSubjects,
    int CalibrationImpostorPairs,
    double? OwnThreshold,
    int Subjects,
    int ImpostorPairs,
    int GenuinePairs,
    bool EstimableAtTarget,
    int FalseMatches,
    double? Fmr,
    double? FmrLower,
    double? FmrUpper,
    double? Margin,
    double? PooledFmr,
    double? PooledFmrLower,
    double? PooledFmrUpper,
    double? Fnmr,
    double? FnmrLower,
    double? FnmrUpper,
    double? PooledFnmr,
    double? PooledFnmrLower,
    double? PooledFnmrUpper,
    double? FnmrCost);
