namespace FaceAccord.Evaluation.Metrics;

/// <summary>
/// The outcome of a verification protocol run, with enough detail (per-fold thresholds and accuracies,
/// failed pairs) that a published number can be traced back to how it was made.
/// </summary>
/// <param name="Pairs">Pairs evaluated (the test pairs for a train/test protocol), failed ones included.</param>
/// <param name="FailedPairs">Pairs whose score is missing (no face found); each counted as an error.</param>
/// <param name="Folds">Number of test folds: 10 for LFW View 2, 1 for a train/test split such as View 1.</param>
/// <param name="Accuracy">Mean over folds of the fraction of test pairs decided correctly.</param>
/// <param name="AccuracyStd">Sample standard deviation (n − 1) of the fold accuracies, as the LFW protocol
/// asks; null with a single fold.</param>
/// <param name="Threshold">The threshold used; with several folds, the mean of the per-fold thresholds (informational).</param>
/// <param name="FoldAccuracies">Accuracy of each test fold, in ascending fold order.</param>
/// <param name="FoldThresholds">Threshold chosen for each test fold on the other folds (or the training set).</param>
/// <param name="TarAtFar1e3">TAR at FAR = 10⁻³ over all evaluated pairs; null with under 1,000 impostor pairs.</param>
/// <param name="Eer">Equal error rate over all evaluated pairs.</param>
public sealed record VerificationReport(
    int Pairs,
    int FailedPairs,
    int Folds,
    double Accuracy,
    double? AccuracyStd,
    double Threshold,
    IReadOnlyList<double> FoldAccuracies,
    IReadOnlyList<double> FoldThresholds,
    double? TarAtFar1e3,
    double Eer);
