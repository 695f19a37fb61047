namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>The knobs of an audit run, gathered so the report can record each one.</summary>
public sealed record FairnessAuditOptions
{
    /// <summary>How pairs are scored: the calibration's rule, so the audit measures what the product decides with.</summary>
    public FaceAccord.Vision.Scoring.TemplateScorer Scorer { get; init; } = FaceAccord.Vision.Scoring.TemplateScorer.Cosine;

    /// <summary>Seed of impostor sampling and of the bootstrap.</summary>
    public int Seed { get; init; }

    /// <summary>Cap on impostor pairs per group, so a large group cannot dominate the run time.</summary>
    public int MaxImpostorsPerGroup { get; init; } = 100_000;

    /// <summary>Subject-bootstrap resamples: 200 keeps a large audit fast while the 95 % bounds settle to about a percent of the rate.</summary>
    public int BootstrapResamples { get; init; } = 200;

    public double ConfidenceLevel { get; init; } = 0.95;
}
