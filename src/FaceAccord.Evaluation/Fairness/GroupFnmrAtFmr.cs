using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>A group's FNMR at its own threshold for a target FMR, which separates "worse genuine scores" from
/// "a threshold set by another group's impostors".</summary>
/// <param name="Group">The demographic label.</param>
/// <param name="TargetFmr">The false-match rate the group's threshold was chosen for.</param>
/// <param name="Point">The group's threshold with its FMR and FNMR (FNMR null without genuine pairs); null when
/// the group has too few impostor pairs to estimate the target rate.</param>
public sealed record GroupFnmrAtFmr(string Group, double TargetFmr, OperatingPoint? Point);
