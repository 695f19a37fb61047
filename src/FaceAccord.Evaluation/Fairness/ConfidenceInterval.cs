namespace FaceAccord.Evaluation.Fairness;

/// <summary>The range a rate plausibly lies in, so a gap between groups can be told from sampling noise.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>True when <paramref name="value"/> lies within the bounds, ends included.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
