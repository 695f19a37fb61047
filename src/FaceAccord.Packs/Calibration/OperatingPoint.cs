namespace FaceAccord.Packs.Calibration;

/// <summary>A calibrated threshold with the error rates measured at it, so a user sees the price of a target FMR.</summary>
/// <param name="Threshold">Accept a comparison when its score is ≥ this.</param>
/// <param name="Fmr">Empirical false-match rate at the threshold: of the group, overall, or (worst-group point)
/// the highest of any group.</param>
/// <param name="Fnmr">False-non-match rate on the genuine pairs at the threshold (failed genuine pairs count);
/// null when the calibration had no genuine pairs.</param>
/// <param name="Group">The group this point belongs to, or for a worst-group point the group that set it;
/// null for the overall point.</param>
public sealed record OperatingPoint(double Threshold, double Fmr, double? Fnmr, string? Group = null);
