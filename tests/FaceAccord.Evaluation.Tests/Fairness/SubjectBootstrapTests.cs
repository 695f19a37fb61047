using FaceAccord.Evaluation.Fairness;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class SubjectBootstrapTests
{
    [Fact]
    public void A_group_without_errors_has_a_zero_width_interval_at_zero()
    {
        GroupedComparison[] comparisons =
        [
            new("a", "a", true, 0.9, "g"), new("b", "b", true, 0.8, "g"), new("c", "c", true, 0.7, "g"),
            new("a", "b", false, 0.1, "g"), new("a", "c", false, 0.2, "g"), new("b", "c", false, 0.3, "g"),
        ];

        var result = Assert.Single(SubjectBootstrap.Intervals(comparisons, 0.5, seed: 7));

        Assert.Equal(new ConfidenceInterval(0, 0), result.Fmr);
        Assert.Equal(new ConfidenceInterval(0, 0), result.Fnmr);
    }

    [Fact]
    public void Resamples_subjects_so_an_impostor_pair_needs_both_its_subjects()
    {
        // Two subjects: a resample holds the impostor pair only when it drew both (then FMR = 1); draws of one
        // subject twice hold no impostor pair and are left out. FNMR per draw: {a,a} 1, {b,b} 0, {a,b} 1/2.
        GroupedComparison[] comparisons =
        [
            new("a", "a", true, 0.1, "g"), new("b", "b", true, 0.9, "g"), new("a", "b", false, 0.9, "g"),
        ];

        var result = Assert.Single(SubjectBootstrap.Intervals(comparisons, 0.5, seed: 1, resamples: 2000));

        Assert.Equal(new ConfidenceInterval(1, 1), result.Fmr);
        Assert.Equal(new ConfidenceInterval(0, 1), result.Fnmr);
        Assert.Equal(0.5, result.Rates.Fnmr);
    }

    [Fact]
    public void A_single_subject_repeats_its_own_rate_in_every_resample()
    {
        GroupedComparison[] comparisons =
        [
            new("a", "a", true, 0.1, "g"), new("a", "a", true, 0.9, "g"), new("a", "a", true, double.NaN, "g"),
        ];

        var result = Assert.Single(SubjectBootstrap.Intervals(comparisons, 0.5, seed: 3, resamples: 50));

        Assert.Equal(new ConfidenceInterval(2.0 / 3, 2.0 / 3), result.Fnmr);
        Assert.Null(result.Fmr);
    }

    [Fact]
    public void Level_controls_the_width()
    {
        var comparisons = new List<GroupedComparison>();
        for (int s = 0; s < 40; s++)
        {
            comparisons.Add(new GroupedComparison($"s{s}", $"s{s}", true, s % 3 == 0 ? 0.1 : 0.9, "g"));
        }

        var wide = SubjectBootstrap.Intervals(comparisons, 0.5, seed: 11, level: 0.99)[0].Fnmr!.Value;
        var narrow = SubjectBootstrap.Intervals(comparisons, 0.5, seed: 11, level: 0.5)[0].Fnmr!.Value;

        Assert.True(wide.Lower < narrow.Lower && narrow.Upper < wide.Upper, $"{wide} vs {narrow}");
    }

    [Fact]
    public void Impostor_pairs_are_weighted_by_both_subjects_draws()
    {
        // Subjects a, b, c; only the a–b impostor pair errs. With counts (ca, cb, cc) the resampled FMR is
        // ca·cb / (ca·cb + ca·cc + cb·cc): 1 for draws of a and b only, 0 for draws with c and one of a/b,
        // 1/3 for one of each, undefined for one subject drawn three times (3 of the 27 equally likely draws).
        // Resampling pairs instead would also give 2/3.
        GroupedComparison[] comparisons =
        [
            new("a", "b", false, 0.9, "g"), new("a", "c", false, 0.1, "g"), new("b", "c", false, 0.1, "g"),
        ];
        var group = Assert.Single(GroupSample.Split(comparisons));

        var (fmr, fnmr) = SubjectBootstrap.Resample(group, 0.5, 5000, new Random(2));

        Assert.Empty(fnmr);
        Assert.All(fmr, v => Assert.Contains(v, new[] { 0, 1.0 / 3, 1 }));
        Assert.Equal(6.0 / 27, fmr.Count(v => v == 1.0 / 3) / 5000.0, 0.03);
        Assert.Equal(3.0 / 27, 1 - (fmr.Count / 5000.0), 0.03);
    }
}
