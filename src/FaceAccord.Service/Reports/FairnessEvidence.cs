namespace FaceAccord.Service.Reports;

/// <summary>
/// What the accountability report quotes of a fairness evaluation: the figures of <c>faceaccord fairness</c>'s
/// fairness.json, with its FMR chart already drawn. The service reads only this shape, so serving needs none of the
/// evaluation code; the command line, which runs evaluations, fills it in.
/// </summary>
public sealed record FairnessEvidence(
    string Model,
    string Manifest,
    int Images,
    int ImagesWithoutFace,
    string Calibration,
    double Threshold,
    double TargetFmr,
    double ConfidenceLevel,
    int BootstrapResamples,
    int Seed,
    IReadOnlyList<FairnessEvidence.Breakdown> Breakdowns,
    FairnessEvidence.WorstGroupChoice? WorstGroup,
    byte[]? FmrChartPng)
{
    /// <summary>The groups of one breakdown (e.g. gender × race) with their rates and the spread between them.</summary>
    public sealed record Breakdown(IReadOnlyList<string> Columns, int UnlabelledImages, IReadOnlyList<Group> Groups, double? FmrMaxMinRatio, double? FnmrMaxMinRatio, string? Note);

    /// <summary>One group's pairs and rates with their intervals.</summary>
    public sealed record Group(string Name, int Subjects, int GenuinePairs, int ImpostorPairs, double? Fmr, double? FmrLower, double? FmrUpper, double? Fnmr, double? FnmrLower, double? FnmrUpper);

    /// <summary>How the worst-group threshold was chosen and whether every group stayed within the target.</summary>
    public sealed record WorstGroupChoice(double TargetFmr, double? Threshold, string? SetBy, double? Confidence, string? Bound, string? Resampling, string Evaluation, bool? AllWithinTarget);
}
