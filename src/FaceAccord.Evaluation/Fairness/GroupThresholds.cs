using FaceAccord.Evaluation.Calibration;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Each group's own threshold for a target FMR and the FNMR it costs that group: NIST's "FNMR at fixed FMR"
/// view, which compares genuine-score quality between groups independently of impostor differences.
/// </summary>
/// <remarks>
/// With n impostor pairs (failed ones included, as in <see cref="GroupErrorRates"/>) and target r, at most
/// k = ⌊r·n⌋ may be accepted; the threshold is the next double above the (k+1)-th highest impostor score, the
/// lowest that keeps FMR ≤ r. A group is estimable only with n·r ≥
/// <see cref="ScoreCalibration.MinExpectedFalseMatches"/>, i.e. at least 10/r impostor pairs.
/// </remarks>
public static class GroupThresholds
{
    /// <summary>The target FMRs a demographic audit reports by default.</summary>
    public static IReadOnlyList<double> AuditTargetFmrs { get; } = [1e-3, 1e-4];

    // r·n is often an integer in decimal but not in binary (1e-3 · 10000); the slack absorbs only that rounding.
    private const double RoundingSlack = 1e-9;

    /// <summary>Per group (ordinal order of labels), the threshold for <paramref name="targetFmr"/> and the FNMR at it.</summary>
    public static IReadOnlyList<GroupFnmrAtFmr> FnmrAtFmr(IEnumerable<GroupedComparison> comparisons, double targetFmr)
    {
        if (!(targetFmr > 0 && targetFmr < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetFmr), targetFmr, "A target false-match rate lies in (0, 1).");
        }

        var result = new List<GroupFnmrAtFmr>();
        foreach (var group in GroupSample.Split(comparisons))
        {
            OperatingPoint? point = null;
            if (ThresholdOf(group, targetFmr) is { } threshold)
            {
                var rates = group.RatesAt(threshold);
                point = new OperatingPoint(threshold, rates.Fmr!.Value, rates.Fnmr, group.Name);
            }

            result.Add(new GroupFnmrAtFmr(group.Name, targetFmr, point));
        }

        return result;
    }

    /// <summary>True when <paramref name="impostorPairs"/> pairs can estimate <paramref name="targetFmr"/> (n·r ≥ 10).</summary>
    internal static bool IsEstimable(int impostorPairs, double targetFmr) =>
        targetFmr * impostorPairs >= ScoreCalibration.MinExpectedFalseMatches - RoundingSlack;

    /// <summary>The most false matches <paramref name="targetFmr"/> allows among <paramref name="impostorWeight"/> (weighted) pairs.</summary>
    internal static long Allowed(double impostorWeight, double targetFmr) => (long)Math.Floor((targetFmr * impostorWeight) + RoundingSlack);

    /// <summary>The group's lowest threshold with FMR ≤ <paramref name="targetFmr"/>; null when it is not estimable.</summary>
    internal static double? ThresholdOf(GroupSample group, double targetFmr)
    {
        var impostor = new List<double>();
        int impostorPairs = 0;
        for (int i = 0; i < group.Scores.Length; i++)
        {
            if (!group.IsGenuine[i])
            {
                impostorPairs++;
                if (double.IsFinite(group.Scores[i]))
                {
                    impostor.Add(group.Scores[i]);
                }
            }
        }

        if (!IsEstimable(impostorPairs, targetFmr))
        {
            return null;
        }

        impostor.Sort(static (x, y) => y.CompareTo(x));
        int allowed = (int)Allowed(impostorPairs, targetFmr);

        // With fewer scored impostors than allowed matches (many failures), accepting every score is within target.
        return allowed < impostor.Count ? Math.BitIncrement(impostor[allowed])
            : impostor.Count > 0 ? impostor[^1] : double.NegativeInfinity;
    }
}
