namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// Median and percentile with exactly the definitions of the peer harness (lib/common.js): mean of the two
/// middle values; nearest rank at round(p·(n−1))), so a ratio never hides a difference of formula.
/// </summary>
public static class LatencyStats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var s = Sorted(values);
        int n = s.Length;
        return n % 2 == 1 ? s[(n - 1) / 2] : (s[(n / 2) - 1] + s[n / 2]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var s = Sorted(values);
        int i = (int)Math.Round(p / 100 * (s.Length - 1), MidpointRounding.AwayFromZero);
        return s[Math.Clamp(i, 0, s.Length - 1)];
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var s = values.ToArray();
        Array.Sort(s);
        return s;
    }
}
