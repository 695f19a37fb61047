namespace FaceAccord.Evaluation.Fairness;

/// <summary>One group's rates at a threshold with their bootstrap confidence intervals.</summary>
/// <param name="Rates">The point estimates, from all the group's pairs.</param>
/// <param name="Fmr">Interval for FMR; null without impostor pairs.</param>
/// <param name="Fnmr">Interval for FNMR; null without genuine pairs.</param>
public sealed record GroupRateIntervals(GroupRates Rates, ConfidenceInterval? Fmr, ConfidenceInterval? Fnmr);
