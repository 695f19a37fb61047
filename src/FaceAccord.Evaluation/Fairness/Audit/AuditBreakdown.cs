namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>The audit's figures for one way of grouping people (all group columns together, or one column alone).</summary>
/// <param name="Columns">The group columns that form the labels.</param>
/// <param name="UnlabelledImages">Manifest images left out because one of these columns is empty for them.</param>
/// <param name="Groups">One row per group, in ordinal order of labels.</param>
/// <param name="Summary">The full summary measures; null unless at least two groups have both genuine and impostor pairs.</param>
/// <param name="FmrDifferentials">The FMR-only measures over groups with impostor pairs; null with fewer than two.</param>
/// <param name="SummaryNote">Why <paramref name="Summary"/> is null, or null when it is present.</param>
public sealed record AuditBreakdown(
    IReadOnlyList<string> Columns,
    int UnlabelledImages,
    IReadOnlyList<AuditGroupRow> Groups,
    FairnessSummary? Summary,
    FmrDifferentials? FmrDifferentials,
    string? SummaryNote);
