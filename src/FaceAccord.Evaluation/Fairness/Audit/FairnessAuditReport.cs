namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>Everything a demographic audit measured and how, written as <c>fairness.json</c> so a result can be traced and repeated.</summary>
/// <param name="Model">The pipeline's model id.</param>
/// <param name="Manifest">Full path of the manifest.</param>
/// <param name="Seed">Seed of impostor sampling and of the bootstrap.</param>
/// <param name="MaxImpostorsPerGroup">Cap on sampled impostor pairs per group.</param>
/// <param name="TargetFmr">The FMR the operating threshold was calibrated for.</param>
/// <param name="Threshold">The pack calibration's worst-group threshold for <paramref name="TargetFmr"/>.</param>
/// <param name="Calibration">Which calibrated guarantee the threshold carries.</param>
/// <param name="BootstrapResamples">Subject-bootstrap resamples behind each interval.</param>
/// <param name="ConfidenceLevel">Coverage of the intervals.</param>
/// <param name="Images">Images in the manifest.</param>
/// <param name="ImagesWithoutFace">Images where no face was found or that could not be decoded; their pairs count as failed.</param>
/// <param name="Breakdowns">First all group columns together, then (with more than one column) each column alone.</param>
/// <param name="WorstGroup">The worst-group calibration, when one was asked for.</param>
public sealed record FairnessAuditReport(
    string Model,
    string Manifest,
    int Seed,
    int MaxImpostorsPerGroup,
    double TargetFmr,
    double Threshold,
    string Calibration,
    int BootstrapResamples,
    double ConfidenceLevel,
    int Images,
    int ImagesWithoutFace,
    IReadOnlyList<AuditBreakdown> Breakdowns,
    WorstGroupReport? WorstGroup = null,
    string Scoring = "cosine");
