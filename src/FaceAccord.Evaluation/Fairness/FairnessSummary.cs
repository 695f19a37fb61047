using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// One-number summaries of how unequal per-group error rates are at a shared threshold, so an audit can state
/// and compare demographic differentials instead of eyeballing a table.
/// </summary>
/// <remarks>
/// Ratios: when every group's rate is 0 there is no differential and the ratio is 1; when some rate is 0 but
/// not all, the ratio is unbounded and reported as null (read the counts instead — a zero usually means too few
/// pairs, not a perfect group). Inputs are per-group rates; the order of groups does not change any figure.
/// </remarks>
/// <param name="Groups">Number of groups summarised.</param>
/// <param name="Alpha">Weight of the FMR term in <see cref="Fdr"/> and <see cref="Garbe"/>.</param>
/// <param name="FmrMaxMinRatio">Highest group FMR over lowest.</param>
/// <param name="FnmrMaxMinRatio">Highest group FNMR over lowest.</param>
/// <param name="FmrInequity">Highest group FMR over the geometric mean of all groups' FMRs, one of the
/// summaries of NISTIR 8429 (Grother, "Face Recognition Vendor Test Part 8: Summarizing Demographic
/// Differentials", draft 2022); null when some but not all FMRs are 0.</param>
/// <param name="FnmrInequity">The same for FNMR.</param>
/// <param name="Fdr">Fairness Discrepancy Rate, de Freitas Pereira &amp; Marcel, "Fairness in Biometrics: a figure
/// of merit to assess biometric verification systems", IEEE T-BIOM 4(1), 2022 (arXiv:2011.02395):
/// FDR(τ) = 1 − (α·A(τ) + (1 − α)·B(τ)), A = max over pairs of groups |FMR_i − FMR_j|, B likewise for FNMR;
/// 1 is perfectly fair, 0 maximally unfair.</param>
/// <param name="GiniFmr">Gini coefficient of the groups' FMRs with the small-sample correction:
/// G = n/(n − 1) · Σ_i Σ_j |x_i − x_j| / (2·n²·x̄); 0 when all rates are equal (all zero included).</param>
/// <param name="GiniFnmr">The same for FNMR.</param>
/// <param name="Garbe">Gini Aggregation Rate for Biometric Equitability, Howard et al., "Evaluating Proposed
/// Fairness Models for Face Recognition Algorithms" (2022, arXiv:2203.05051): α·G_FMR + (1 − α)·G_FNMR;
/// 0 is perfectly fair.</param>
public sealed record FairnessSummary(
    int Groups,
    double Alpha,
    double? FmrMaxMinRatio,
    double? FnmrMaxMinRatio,
    double? FmrInequity,
    double? FnmrInequity,
    double Fdr,
    double GiniFmr,
    double GiniFnmr,
    double Garbe)
{
    /// <summary>Summarises the groups of <paramref name="comparisons"/> at <paramref name="threshold"/>.</summary>
    public static FairnessSummary At(IEnumerable<GroupedComparison> comparisons, double threshold, double alpha = 0.5) =>
        Of(GroupErrorRates.At(comparisons, threshold), alpha);

    /// <summary>Summarises per-group rates; refuses fewer than two groups or a group lacking genuine or impostor pairs.</summary>
    public static FairnessSummary Of(IReadOnlyList<GroupRates> groups, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The weight α lies in [0, 1].");
        }

        if (groups.Count < 2)
        {
            throw FaceAccordException.BadInput(
                "fairness-groups-insufficient", $"Comparing groups needs at least two; got {groups.Count}.");
        }

        var fmr = new double[groups.Count];
        var fnmr = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i].Fmr is not { } m || groups[i].Fnmr is not { } nm)
            {
                throw FaceAccordException.BadInput(
                    "fairness-group-incomplete",
                    $"Group '{groups[i].Group}' has {groups[i].GenuinePairs} genuine and {groups[i].ImpostorPairs} impostor pairs; both are needed.");
            }

            fmr[i] = m;
            fnmr[i] = nm;
        }

        // Sorting makes every sum below run in one order, so the figures do not depend on the order of groups.
        Array.Sort(fmr);
        Array.Sort(fnmr);
        double giniFmr = Gini(fmr), giniFnmr = Gini(fnmr);
        return new FairnessSummary(
            groups.Count,
            alpha,
            Ratio(fmr[0], fmr),
            Ratio(fnmr[0], fnmr),
            Ratio(GeometricMean(fmr), fmr),
            Ratio(GeometricMean(fnmr), fnmr),
            1 - ((alpha * (fmr[^1] - fmr[0])) + ((1 - alpha) * (fnmr[^1] - fnmr[0]))),
            giniFmr,
            giniFnmr,
            (alpha * giniFmr) + ((1 - alpha) * giniFnmr));
    }

    // The highest rate over a denominator that is 0 exactly when the lowest rate is (min or geometric mean).
    private static double? Ratio(double denominator, double[] sorted) =>
        sorted[^1] == 0 ? 1 : sorted[0] == 0 ? null : sorted[^1] / denominator;

    // Through logarithms so a product of many small rates cannot underflow.
    private static double GeometricMean(double[] sorted) =>
        sorted[0] == 0 ? 0 : Math.Exp(sorted.Sum(Math.Log) / sorted.Length);

    private static double Gini(double[] sorted)
    {
        int n = sorted.Length;
        double total = sorted.Sum();
        if (total == 0)
        {
            return 0;
        }

        // Direct pairwise differences (groups are few) are exactly 0 for equal rates, where a rank-weighted sum could
        // leave rounding residue.
        double pairwise = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                pairwise += sorted[j] - sorted[i];
            }
        }

        double mean = total / n;
        return (double)n / (n - 1) * (2 * pairwise) / (2.0 * n * n * mean);
    }
}
