namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Error rates per demographic group at one shared threshold: the disaggregated view a demographic audit starts
/// from, since a pooled rate can hide a group that fares far worse.
/// </summary>
/// <remarks>
/// Failed comparisons (non-finite score) stay in every denominator. A failed genuine pair is a false non-match;
/// a failed impostor pair is not a false match, because no comparison took place that could have matched (the
/// same rule as <see cref="Calibration.ScoreCalibration"/>, and unlike the pooled
/// <see cref="Metrics.ErrorRates"/>, which charges it to FMR as a worst case).
/// </remarks>
public static class GroupErrorRates
{
    /// <summary>Counts and rates per group at <paramref name="threshold"/> (accept when score ≥ threshold),
    /// groups in ordinal order of their labels.</summary>
    public static IReadOnlyList<GroupRates> At(IEnumerable<GroupedComparison> comparisons, double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must be a number.");
        }

        return [.. GroupSample.Split(comparisons).Select(g => g.RatesAt(threshold))];
    }
}
