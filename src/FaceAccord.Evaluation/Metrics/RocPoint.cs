namespace FaceAccord.Evaluation.Metrics;

/// <summary>One vertex of an empirical ROC curve, kept with its threshold so a plotted point can be traced back.</summary>
/// <param name="Threshold">Pairs with score ≥ this are accepted; +∞ for the reject-everything vertex.</param>
/// <param name="Fmr">False-match rate at the threshold (failed impostor pairs count as matches).</param>
/// <param name="Tar">True-accept rate, 1 − FNMR (failed genuine pairs are never accepted).</param>
public readonly record struct RocPoint(double Threshold, double Fmr, double Tar);
