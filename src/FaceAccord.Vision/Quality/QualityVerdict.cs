namespace FaceAccord.Vision.Quality;

/// <summary>
/// Outcome of judging a face against a <see cref="QualityRule"/>: pass or fail, and every failed check by its
/// stable <see cref="QualityCheck"/> name so a caller can tell the user what to fix.
/// </summary>
public sealed record QualityVerdict(bool Passed, IReadOnlyList<string> FailedChecks)
{
    public static QualityVerdict Pass { get; } = new(true, []);
}
