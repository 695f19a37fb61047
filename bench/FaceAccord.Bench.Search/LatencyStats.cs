namespace FaceAccord.Bench.Search;

/// <summary>Nearest-rank percentiles (index round(p·(n−1)) of the sorted values), the same rule as bench/pipeline.</summary>
public static class LatencyStats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var s = values.ToArray();
        Array.Sort(s);
        int i = (int)Math.Round(p / 100 * (s.Length - 1), MidpointRounding.AwayFromZero);
        return s[Math.Clamp(i, 0, s.Length - 1)];
    }
}
