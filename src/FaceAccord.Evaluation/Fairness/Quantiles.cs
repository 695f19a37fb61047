namespace FaceAccord.Evaluation.Fairness;

/// <summary>The one sample-quantile rule of the fairness code, so intervals and bootstrap thresholds agree.</summary>
internal static class Quantiles
{
    /// <summary>
    /// The p-quantile of ascending <paramref name="sorted"/> values, linearly interpolated between order statistics
    /// (Hyndman–Fan type 7). A leading −∞ (a resample whose threshold accepts everything) cannot be interpolated
    /// with a finite neighbour; the higher of the two is taken.
    /// </summary>
    public static double TypeSeven(IReadOnlyList<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return double.IsFinite(sorted[lo]) ? sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo])) : sorted[hi];
    }
}
