namespace FaceAccord.Packs.Calibration;

/// <summary>
/// The calibration data's hygiene, reported beside the thresholds: within-group "impostor" pairs left out because
/// they are the same person (a data set without identities photographs some people several times), by the rule in
/// <see cref="Rule"/>, and the worst-group thresholds the data would have given with them kept.
/// </summary>
public sealed record CalibrationHygiene
{
    public required string Rule { get; init; }

    /// <summary>Pairs left out per group.</summary>
    public required IReadOnlyDictionary<string, int> ExcludedPairs { get; init; }

    /// <summary>Worst-group threshold per target FMR without the exclusion (null where not estimable).</summary>
    public required IReadOnlyDictionary<string, double?> UncleanedWorstGroupThresholds { get; init; }
}
