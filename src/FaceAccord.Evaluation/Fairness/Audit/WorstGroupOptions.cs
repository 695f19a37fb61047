namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>What a worst-group calibration run was asked for, gathered so the report can record it.</summary>
public sealed record WorstGroupOptions
{
    /// <summary>The FMR every estimable group must stay within.</summary>
    public double TargetFmr { get; init; } = 1e-3;

    /// <summary>Share of each group's subjects held out to measure the chosen threshold on; null measures on the
    /// calibration pairs themselves (in-sample, optimistic).</summary>
    public double? Holdout { get; init; }

    /// <summary>One-sided confidence of each group's threshold (subject bootstrap); null for point estimates.</summary>
    public double? Confidence { get; init; }
}
