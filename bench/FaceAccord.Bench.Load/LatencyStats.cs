namespace FaceAccord.Bench.Load;

/// <summary>Percentiles of sorted latencies by nearest rank at round(p·(n−1)), the definition the pipeline benchmark uses too.</summary>
public static class LatencyStats
{
    /// <summary>The <paramref name="p"/>-th percentile (0 to 100) of <paramref name="sorted"/>, which must be in ascending order.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        int i = (int)Math.Round(p / 100 * (sorted.Count - 1), MidpointRounding.AwayFromZero);
        return sorted[Math.Clamp(i, 0, sorted.Count - 1)];
    }
}
