namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>One group's line of an audit: counts, rates at the shared threshold with subject-bootstrap intervals,
/// and the group's own FNMR at fixed FMRs, flat so it reads the same in JSON and in the report table.</summary>
/// <param name="Group">The label, e.g. <c>race=Black|gender=female</c>.</param>
/// <param name="Images">Images of the group in the manifest.</param>
/// <param name="Subjects">Distinct subjects of the group.</param>
/// <param name="GenuinePairs">Same-subject pairs, failed ones included.</param>
/// <param name="ImpostorPairs">Sampled different-subject pairs, failed ones included.</param>
/// <param name="FalseMatches">Impostor pairs scored at or above the threshold.</param>
/// <param name="FalseNonMatches">Genuine pairs below the threshold or failed.</param>
/// <param name="FailedGenuine">Genuine pairs with an image without a face.</param>
/// <param name="FailedImpostor">Impostor pairs with an image without a face (never a false match).</param>
/// <param name="Fmr">False-match rate; null without impostor pairs.</param>
/// <param name="FmrLower">Lower end of its interval.</param>
/// <param name="FmrUpper">Upper end of its interval.</param>
/// <param name="Fnmr">False-non-match rate; null without genuine pairs.</param>
/// <param name="FnmrLower">Lower end of its interval.</param>
/// <param name="FnmrUpper">Upper end of its interval.</param>
/// <param name="FnmrAtFmr">The group's own threshold and FNMR per audit target FMR; a null point means too
/// few impostor pairs to estimate that rate.</param>
public sealed record AuditGroupRow(
    string Group,
    int Images,
    int Subjects,
    int GenuinePairs,
    int ImpostorPairs,
    int FalseMatches,
    int FalseNonMatches,
    int FailedGenuine,
    int FailedImpostor,
    double? Fmr,
    double? FmrLower,
    double? FmrUpper,
    double? Fnmr,
    double? FnmrLower,
    double? FnmrUpper,
    IReadOnlyList<GroupFnmrAtFmr> FnmrAtFmr);
