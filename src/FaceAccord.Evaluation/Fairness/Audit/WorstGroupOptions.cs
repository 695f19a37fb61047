namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>What a worst-group calibration run was asked for, gathered so the report can record it.</summary>
public sealed record WorstGroupOptions
{
    /// <summary>The FMR every estimable group must stay within.</summary>
    public double TargetFmr { get; init; } = 1e-3;

    /// <summary>Share of each group's subjects held out to measure the chosen threshold on; null measures on the
    /// calibration pairs themselves (in-sample, optimistic).</summary>
    public double? Holdout { get; init; }

    /// <summary>One-sided probability of each group's bootstrap bound; null for point estimates (no margin).</summary>
    public double? Confidence { get; init; }

    /// <summary>What <see cref="Confidence"/> promises: the population FMR, or the FMR a new sample will measure.</summary>
    public FmrBound Bound { get; init; } = FmrBound.Prediction;

    /// <summary>What the bootstrap draws.</summary>
    public ResamplingUnits Units { get; init; } = ResamplingUnits.LinkedSubjects;
}
