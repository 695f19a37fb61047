namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>An audit's report plus the scored comparisons of its main breakdown, which the charts need but the JSON does not carry.</summary>
/// <param name="Report">The figures.</param>
/// <param name="Comparisons">Every scored pair of the first breakdown (all group columns together).</param>
public sealed record FairnessAuditOutcome(FairnessAuditReport Report, IReadOnlyList<GroupedComparison> Comparisons);
