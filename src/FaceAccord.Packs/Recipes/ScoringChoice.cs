namespace FaceAccord.Packs.Recipes;

/// <summary>How a pack's scores are calibrated (docs/pipeline.md, "Score normalisation" and "Calibration hygiene").</summary>
public sealed record ScoringChoice
{
    /// <summary>Adaptive S-norm over this many closest cohort vectors; null for plain cosine.</summary>
    public int? CohortTopK { get; init; }

    /// <summary>Development templates per cohort centroid (k-means with n / this many clusters).</summary>
    public int CohortCompression { get; init; } = 6;

    /// <summary>Clusters with fewer members are dropped, so no cohort vector is one photo's template.</summary>
    public int CohortMinMembers { get; init; } = 3;

    /// <summary>
    /// An embedder of the same pack, trained independently, whose agreement marks within-group pairs of the
    /// development data as the same person; null for no such rule.
    /// </summary>
    public string? RepeatWitness { get; init; }
}
