namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Confidence intervals for per-group FMR and FNMR by resampling subjects, not pairs: pairs that share a subject
/// are correlated, and resampling pairs would make the intervals too narrow.
/// </summary>
/// <remarks>
/// For each group separately (groups in ordinal order, subjects in ordinal order of their ids, one seeded
/// <see cref="Random"/> for the whole run): draw as many subjects as the group has, with replacement. A subject
/// drawn c times contributes its genuine pairs c times; an impostor pair of subjects drawn c_a and c_b times is
/// kept c_a·c_b times (every copy of one against every copy of the other), and dropped when either is not drawn.
/// The rate of a resample is its weighted errors over its weighted pairs; a resample holding no pair of a kind
/// has no rate of that kind and is left out of that interval. The interval is the percentile interval: the
/// (1 − level)/2 and (1 + level)/2 quantiles of the resampled rates, linearly interpolated between order
/// statistics (Hyndman–Fan type 7). Efron &amp; Tibshirani, An Introduction to the Bootstrap (1993), ch. 13;
/// subject-level resampling as in Bolle, Ratha &amp; Pankanti, "Error analysis of pattern recognition systems:
/// the subsets bootstrap", CVIU 93 (2004).
/// </remarks>
public static class SubjectBootstrap
{
    /// <summary>Resamples drawn unless the caller asks for another number.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>Rates per group at <paramref name="threshold"/> with percentile intervals at <paramref name="level"/>.</summary>
    public static IReadOnlyList<GroupRateIntervals> Intervals(
        IEnumerable<GroupedComparison> comparisons,
        double threshold,
        int seed,
        int resamples = DefaultResamples,
        double level = 0.95)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must be a number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level lies in (0, 1).");
        }

        var random = new Random(seed);
        var result = new List<GroupRateIntervals>();
        foreach (var group in GroupSample.Split(comparisons))
        {
            var rates = group.RatesAt(threshold);
            var (fmr, fnmr) = Resample(group, threshold, resamples, random);
            result.Add(new GroupRateIntervals(
                rates,
                rates.ImpostorPairs == 0 ? null : Percentile(fmr, level),
                rates.GenuinePairs == 0 ? null : Percentile(fnmr, level)));
        }

        return result;
    }

    /// <summary>The resampled rates of one group; internal so tests can inspect the distribution itself.</summary>
    internal static (List<double> Fmr, List<double> Fnmr) Resample(GroupSample group, double threshold, int resamples, Random random)
    {
        int n = group.SubjectCount;
        var error = new bool[group.Scores.Length];
        for (int i = 0; i < error.Length; i++)
        {
            error[i] = GroupSample.IsError(group.IsGenuine[i], group.Scores[i], threshold);
        }

        var drawn = new long[n];
        var fmr = new List<double>(resamples);
        var fnmr = new List<double>(resamples);
        for (int r = 0; r < resamples; r++)
        {
            Array.Clear(drawn);
            for (int k = 0; k < n; k++)
            {
                drawn[random.Next(n)]++;
            }

            // Integer weights keep each resampled rate exact and independent of the order of the pairs.
            long genuine = 0, genuineErrors = 0, impostor = 0, impostorErrors = 0;
            for (int i = 0; i < error.Length; i++)
            {
                if (group.IsGenuine[i])
                {
                    long w = drawn[group.SubjectA[i]];
                    genuine += w;
                    genuineErrors += error[i] ? w : 0;
                }
                else
                {
                    long w = drawn[group.SubjectA[i]] * drawn[group.SubjectB[i]];
                    impostor += w;
                    impostorErrors += error[i] ? w : 0;
                }
            }

            if (impostor > 0)
            {
                fmr.Add((double)impostorErrors / impostor);
            }

            if (genuine > 0)
            {
                fnmr.Add((double)genuineErrors / genuine);
            }
        }

        return (fmr, fnmr);
    }

    private static ConfidenceInterval? Percentile(List<double> values, double level)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(Quantiles.TypeSeven(values, tail), Quantiles.TypeSeven(values, 1 - tail));
    }
}
