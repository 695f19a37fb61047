namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// The whole comparison in one file (results/latest.json): both sides' figures on the same list and cores,
/// and FaceAccord/Human throughput ratios against the target, so a claim can be checked against its numbers.
/// </summary>
public sealed record BenchSummary(
    DateTimeOffset CreatedUtc,
    int Images,
    string ListSha256,
    string CpuModel,
    int LogicalCores,
    HumanSummary Human,
    IReadOnlyList<PipelineRunResult> FaceAccord,
    IReadOnlyList<ThroughputRatio> Ratios,
    double TargetRatio);
