using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class GroupErrorRatesTests
{
    private static readonly GroupedComparison[] Sample =
    [
        new("s1", "s1", true, 0.9, "g1"),
        new("s2", "s2", true, 0.4, "g1"),
        new("s3", "s3", true, double.NaN, "g1"),
        new("s1", "s2", false, 0.6, "g1"),
        new("s1", "s3", false, 0.2, "g1"),
        new("s2", "s3", false, double.NaN, "g1"),
        new("t2", "t2", true, 0.8, "g0"),
        new("t1", "t1", true, 0.7, "g0"),
        new("t1", "t2", false, 0.1, "g0"),
    ];

    [Fact]
    public void Counts_failed_genuine_as_false_non_match_but_failed_impostor_not_as_false_match()
    {
        var rates = GroupErrorRates.At(Sample, 0.5);

        Assert.Equal(["g0", "g1"], rates.Select(r => r.Group));
        Assert.Equal(new GroupRates("g1", 3, 3, 2, 1, 1, 1), rates[1]);
        Assert.Equal(2.0 / 3, rates[1].Fnmr);
        Assert.Equal(1.0 / 3, rates[1].Fmr);
        Assert.Equal(0, rates[0].Fmr);
        Assert.Equal(0, rates[0].Fnmr);
    }

    [Fact]
    public void Accepts_a_score_equal_to_the_threshold()
    {
        var rates = GroupErrorRates.At(Sample, 0.6);

        Assert.Equal(1, rates[1].FalseMatches);
        Assert.Equal(2, rates[1].FalseNonMatches);
        Assert.Equal(1, GroupErrorRates.At(Sample, 0.8)[0].FalseNonMatches);
    }

    [Fact]
    public void A_group_without_impostor_pairs_has_no_fmr()
    {
        var rates = GroupErrorRates.At([new GroupedComparison("a", "a", true, 0.3, "g")], 0.5);

        Assert.Null(rates[0].Fmr);
        Assert.Equal(1, rates[0].Fnmr);
    }

    [Theory]
    [InlineData("a", "b", true)]
    [InlineData("a", "a", false)]
    [InlineData("a", "a", true, " ")]
    public void Refuses_inconsistent_comparisons(string a, string b, bool genuine, string group = "g")
    {
        var ex = Assert.Throws<FaceAccordException>(() => GroupErrorRates.At([new GroupedComparison(a, b, genuine, 0.5, group)], 0.5));
        Assert.Equal("comparison-invalid", ex.Code);
    }

    [Fact]
    public void Group_threshold_keeps_fmr_at_target_and_reports_fnmr_there()
    {
        var comparisons = new List<GroupedComparison>();
        for (int i = 0; i < 10_000; i++)
        {
            comparisons.Add(new GroupedComparison($"a{i}", $"b{i}", false, i / 10_000.0, "big"));
        }

        comparisons.Add(new GroupedComparison("g1", "g1", true, 0.9995, "big"));
        comparisons.Add(new GroupedComparison("g2", "g2", true, 0.5, "big"));
        comparisons.Add(new GroupedComparison("g3", "g3", true, double.NaN, "big"));
        for (int i = 0; i < 9_999; i++)
        {
            comparisons.Add(new GroupedComparison($"a{i}", $"b{i}", false, i / 10_000.0, "small"));
        }

        var at3 = GroupThresholds.FnmrAtFmr(comparisons, 1e-3);
        var at4 = GroupThresholds.FnmrAtFmr(comparisons, 1e-4);

        // 10 of 10 000 impostors may match: the threshold sits just above the 11th highest score, 0.9989.
        var point = at3[0].Point;
        Assert.NotNull(point);
        Assert.Equal("big", at3[0].Group);
        Assert.Equal(Math.BitIncrement(0.9989), point.Threshold);
        Assert.Equal(1e-3, point.Fmr);
        Assert.Equal(2.0 / 3, point.Fnmr);
        Assert.Null(at3[1].Point);
        Assert.Null(at4[0].Point);
    }

    [Fact]
    public void Group_threshold_counts_failed_impostors_in_the_denominator()
    {
        var comparisons = new List<GroupedComparison>();
        for (int i = 0; i < 20; i++)
        {
            double score = i < 10 ? double.NaN : i / 20.0;
            comparisons.Add(new GroupedComparison($"a{i}", $"b{i}", false, score, "g"));
        }

        // Target 0.5 of 20 pairs allows 10 matches, more than the 10 scored impostors: everything scored is accepted.
        var point = GroupThresholds.FnmrAtFmr(comparisons, 0.5)[0].Point;

        Assert.NotNull(point);
        Assert.Equal(0.5, point.Threshold);
        Assert.Equal(0.5, point.Fmr);
        Assert.Null(point.Fnmr);
    }
}
