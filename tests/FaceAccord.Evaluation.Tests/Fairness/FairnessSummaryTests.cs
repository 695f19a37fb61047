using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class FairnessSummaryTests
{
    private const double Tolerance = 1e-12;

    // FMR 0.01, 0.02, 0.04 and FNMR 0.1, 0.2, 0.2.
    private static readonly GroupRates[] Three =
    [
        Rates("a", fnm: 1, fm: 1),
        Rates("b", fnm: 2, fm: 2),
        Rates("c", fnm: 2, fm: 4),
    ];

    [Fact]
    public void Max_min_ratios_and_inequity_match_hand_computation()
    {
        var s = FairnessSummary.Of(Three);

        Assert.Equal(3, s.Groups);
        Assert.Equal(4, s.FmrMaxMinRatio!.Value, Tolerance);
        Assert.Equal(2, s.FnmrMaxMinRatio!.Value, Tolerance);

        // Geometric means: (0.01·0.02·0.04)^(1/3) = 0.02 and (0.1·0.2·0.2)^(1/3) = 0.2 / 2^(1/3).
        Assert.Equal(2, s.FmrInequity!.Value, Tolerance);
        Assert.Equal(Math.Cbrt(2), s.FnmrInequity!.Value, Tolerance);
    }

    [Fact]
    public void Fdr_matches_hand_computation()
    {
        // A = 0.04 − 0.01 = 0.03, B = 0.2 − 0.1 = 0.1.
        Assert.Equal(1 - ((0.5 * 0.03) + (0.5 * 0.1)), FairnessSummary.Of(Three).Fdr, Tolerance);
        Assert.Equal(1 - ((0.9 * 0.03) + (0.1 * 0.1)), FairnessSummary.Of(Three, alpha: 0.9).Fdr, Tolerance);
    }

    [Fact]
    public void Garbe_matches_hand_computation()
    {
        var s = FairnessSummary.Of(Three);

        // FMR: Σ|xi − xj| over ordered pairs = 2·(0.01 + 0.03 + 0.02) = 0.12, mean 0.07/3:
        // G = 3/2 · 0.12 / (2·9·0.07/3) = 3/7. FNMR: 2·(0.1 + 0.1 + 0) = 0.4, mean 0.5/3: G = 3/2 · 0.4 / 3 = 0.2.
        Assert.Equal(3.0 / 7, s.GiniFmr, Tolerance);
        Assert.Equal(0.2, s.GiniFnmr, Tolerance);
        Assert.Equal((0.5 * 3.0 / 7) + (0.5 * 0.2), s.Garbe, Tolerance);
        Assert.Equal((0.25 * 3.0 / 7) + (0.75 * 0.2), FairnessSummary.Of(Three, alpha: 0.25).Garbe, Tolerance);
    }

    [Fact]
    public void Two_groups_one_without_errors_give_the_maximal_corrected_gini()
    {
        // With n = 2 and rates {0, x}: Σ|xi − xj| = 2x, mean x/2, G = 2 · 2x / (2·4·x/2) = 1.
        var s = FairnessSummary.Of([Rates("a", fnm: 0, fm: 0), Rates("b", fnm: 3, fm: 5)]);

        Assert.Equal(1, s.GiniFmr, Tolerance);
        Assert.Equal(1, s.GiniFnmr, Tolerance);
        Assert.Null(s.FmrMaxMinRatio);
        Assert.Null(s.FmrInequity);
        Assert.Null(s.FnmrMaxMinRatio);
    }

    [Fact]
    public void Rates_all_zero_are_equal_not_unbounded()
    {
        var s = FairnessSummary.Of([Rates("a", fnm: 0, fm: 0), Rates("b", fnm: 0, fm: 0)]);

        Assert.Equal(1, s.FmrMaxMinRatio);
        Assert.Equal(1, s.FnmrInequity);
        Assert.Equal(1, s.Fdr);
        Assert.Equal(0, s.Garbe);
    }

    [Fact]
    public void Refuses_a_single_group_and_a_group_without_genuine_pairs()
    {
        var one = Assert.Throws<FaceAccordException>(() => FairnessSummary.Of([Three[0]]));
        Assert.Equal("fairness-groups-insufficient", one.Code);

        var incomplete = Assert.Throws<FaceAccordException>(
            () => FairnessSummary.Of([Three[0], new GroupRates("x", 0, 10, 0, 1, 0, 0)]));
        Assert.Equal("fairness-group-incomplete", incomplete.Code);
    }

    [Fact]
    public void At_summarises_comparisons_through_group_rates()
    {
        GroupedComparison[] comparisons =
        [
            new("a", "a", true, 0.9, "g1"), new("b", "b", true, 0.1, "g1"), new("a", "b", false, 0.8, "g1"),
            new("c", "c", true, 0.9, "g2"), new("d", "d", true, 0.9, "g2"), new("c", "d", false, 0.2, "g2"),
        ];

        // g1: FMR 1, FNMR 0.5; g2: FMR 0, FNMR 0. FDR = 1 − (0.5·1 + 0.5·0.5).
        Assert.Equal(0.25, FairnessSummary.At(comparisons, 0.5).Fdr, Tolerance);
    }

    private static GroupRates Rates(string group, int fnm, int fm) => new(group, 10, 100, fnm, fm, 0, 0);
}
