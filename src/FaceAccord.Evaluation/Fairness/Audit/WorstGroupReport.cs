namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>A worst-group calibration as <c>fairness.json</c> records it: the rule, the split, the chosen and the
/// pooled threshold, and every group's rates on the evaluation part, so the promise can be checked and repeated.</summary>
/// <param name="TargetFmr">The FMR every estimable group must stay within.</param>
/// <param name="Rule">The rule that chose the threshold, in words.</param>
/// <param name="Confidence">One-sided probability of the thresholds' bootstrap bound; null for point estimates.</param>
/// <param name="Bound">What that probability is about: <c>confidence</c> (population FMR) or <c>prediction</c> (FMR
/// measured on a new sample of the same size); null for point estimates.</param>
/// <param name="Resampling">The bootstrap's units: <c>subjects</c> or <c>linked</c>; null for point estimates.</param>
/// <param name="Holdout">Share of each group's subjects held out; null when the rates are in-sample.</param>
/// <param name="Seed">Seed of the split, of impostor sampling and of the bootstrap.</param>
/// <param name="Evaluation">Which pairs the rates were measured on, in words.</param>
/// <param name="CalibrationSubjects">Subjects the threshold was chosen on.</param>
/// <param name="EvaluationSubjects">Subjects the rates were measured on (the same ones without a holdout).</param>
/// <param name="UnlabelledImages">Images left out because a group column is empty for them.</param>
/// <param name="Threshold">The worst-group threshold; null when no group could estimate the target.</param>
/// <param name="SetBy">The group whose own threshold it is, or <c>pooled</c>.</param>
/// <param name="PooledThreshold">One global calibration over all calibration impostor pairs pooled.</param>
/// <param name="NotEstimable">Groups with too few calibration impostor pairs for the target, left out of the choice.</param>
/// <param name="Groups">Each group on the evaluation part, ordinal order.</param>
/// <param name="Pooled">All evaluation pairs together.</param>
/// <param name="AllWithinTarget">Whether every group with evaluation impostor pairs has FMR ≤ target at the threshold;
/// null without a threshold.</param>
/// <param name="WrittenTo">The calibration file the threshold was written into; null when it was not written.</param>
public sealed record WorstGroupReport(
    double TargetFmr,
    string Rule,
    double? Confidence,
    string? Bound,
    string? Resampling,
    double? Holdout,
    int Seed,
    string Evaluation,
    int CalibrationSubjects,
    int EvaluationSubjects,
    int UnlabelledImages,
    double? Threshold,
    string? SetBy,
    double? PooledThreshold,
    IReadOnlyList<string> NotEstimable,
    IReadOnlyList<WorstGroupRow> Groups,
    WorstGroupRow Pooled,
    bool? AllWithinTarget,
    string? WrittenTo = null);
