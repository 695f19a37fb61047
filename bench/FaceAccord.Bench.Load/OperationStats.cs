namespace FaceAccord.Bench.Load;

/// <summary>
/// Figures of one operation (or all): latencies over every request including failed ones, so a timeout
/// shows in the tail instead of vanishing from it. <see cref="CorrectShare"/> is informative only.
/// </summary>
public sealed record OperationStats(
    string Operation,
    int Count,
    int Failures,
    double PerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    IReadOnlyDictionary<string, int> Statuses,
    double? CorrectShare);
