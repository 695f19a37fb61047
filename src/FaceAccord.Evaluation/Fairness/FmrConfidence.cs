namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Asks worst-group calibration for a threshold that keeps FMR within target with a stated confidence instead of
/// on the calibration pairs alone, since a threshold set exactly at one sample's quantile exceeds the target on
/// new people about half the time.
/// </summary>
/// <param name="Level">One-sided confidence, e.g. 0.95: the level-quantile of the subject-bootstrap thresholds.</param>
/// <param name="Resamples">Subject-bootstrap resamples per group.</param>
/// <param name="Seed">Seed of the resampling; each group draws from its own stream seeded by this and its name.</param>
public sealed record FmrConfidence(double Level, int Resamples, int Seed);
