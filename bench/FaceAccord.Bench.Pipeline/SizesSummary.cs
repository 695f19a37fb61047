namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// Cost per image at 250², 1350² and 12 MP in one process: every round's figures, the median over rounds, each large
/// size's cost as a multiple of the LFW image's (round by round, then the median), and how well the phone copies'
/// templates match their portraits'.
/// </summary>
public sealed record SizesSummary(
    DateTimeOffset CreatedUtc,
    string ModelId,
    int Workers,
    int IntraOpThreads,
    int Images,
    IReadOnlyList<SizeRunResult> Rounds,
    IReadOnlyList<SizeRunResult> Medians,
    double PortraitCostRatio,
    double PhoneCostRatio,
    double PhoneCopyCosineMin,
    double PhoneCopyCosineMedian,
    double? LoadAverageAtStart,
    string CpuModel,
    int LogicalCores);
