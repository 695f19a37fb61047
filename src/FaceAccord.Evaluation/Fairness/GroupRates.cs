namespace FaceAccord.Evaluation.Fairness;

/// <summary>One group's error counts at a threshold, kept as counts so every rate can be traced to its pairs.</summary>
/// <param name="Group">The demographic label.</param>
/// <param name="GenuinePairs">Genuine pairs of the group, failed ones included.</param>
/// <param name="ImpostorPairs">Impostor pairs of the group, failed ones included.</param>
/// <param name="FalseNonMatches">Genuine pairs scored below the threshold plus failed genuine pairs.</param>
/// <param name="FalseMatches">Impostor pairs scored at or above the threshold; a failed impostor pair never matches.</param>
/// <param name="FailedGenuine">Genuine pairs without a score.</param>
/// <param name="FailedImpostor">Impostor pairs without a score.</param>
public sealed record GroupRates(
    string Group,
    int GenuinePairs,
    int ImpostorPairs,
    int FalseNonMatches,
    int FalseMatches,
    int FailedGenuine,
    int FailedImpostor)
{
    /// <summary>False matches over all impostor pairs; null when the group has no impostor pairs.</summary>
    public double? Fmr => ImpostorPairs == 0 ? null : (double)FalseMatches / ImpostorPairs;

    /// <summary>False non-matches over all genuine pairs; null when the group has no genuine pairs.</summary>
    public double? Fnmr => GenuinePairs == 0 ? null : (double)FalseNonMatches / GenuinePairs;
}
