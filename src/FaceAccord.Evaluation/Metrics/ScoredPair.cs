namespace FaceAccord.Evaluation.Metrics;

/// <summary>
/// The score a model gave one evaluation pair; a failed pair (no face found, unreadable image) carries
/// <see cref="double.NaN"/> so it is counted as an error by every metric instead of quietly vanishing.
/// </summary>
/// <param name="Score">Cosine similarity, higher means more alike; any non-finite value marks a failed pair.</param>
/// <param name="IsSame">True for a genuine (same person) pair, false for an impostor pair.</param>
/// <param name="Fold">Protocol fold the pair belongs to; 0 when the protocol has none.</param>
public readonly record struct ScoredPair(double Score, bool IsSame, int Fold = 0)
{
    /// <summary>A failed pair: always a false non-match when genuine and a false match when impostor.</summary>
    public bool IsFailed => !double.IsFinite(Score);

    /// <summary>The verification decision at <paramref name="threshold"/>: same iff score ≥ threshold.</summary>
    public bool IsCorrectAt(double threshold) => !IsFailed && (Score >= threshold) == IsSame;
}
