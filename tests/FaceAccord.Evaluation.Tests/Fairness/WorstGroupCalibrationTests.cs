using FaceAccord.Evaluation.Fairness;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class WorstGroupCalibrationTests
{
    // At target 0.5 a set is estimable from 20 impostor pairs (n·r ≥ 10); seven subjects give 21.
    private const double Target = 0.5;

    [Fact]
    public void Takes_the_highest_estimable_group_threshold_and_ignores_groups_with_too_few_pairs()
    {
        // a: impostor scores 0.01 … 0.21; b: 0.31 … 0.51; c: four subjects, six pairs at 0.9 (not estimable).
        var pairs = Impostors("a", 7, i => (i + 1) / 100.0)
            .Concat(Impostors("b", 7, i => (i + 31) / 100.0))
            .Concat(Impostors("c", 4, _ => 0.9))
            .ToList();

        var choice = WorstGroupCalibration.Choose(pairs, Target);

        // Each group of 21 may accept ⌊10.5⌋ = 10: the threshold lies just above its 11th highest score.
        Assert.Equal(Math.BitIncrement(0.11), Point(choice, "g=a").Threshold);
        Assert.Equal(Math.BitIncrement(0.41), Point(choice, "g=b").Threshold);
        Assert.Equal(10.0 / 21, Point(choice, "g=b").Fmr);
        Assert.Null(choice.Groups.Single(g => g.Group == "g=c").Point);
        Assert.Equal(["g=c"], choice.NotEstimable);

        // Pooled: 48 pairs may accept 24; the six 0.9s and eighteen of b (0.51 … 0.34) leave 0.33 as the 25th.
        Assert.Equal(Math.BitIncrement(0.33), choice.Pooled!.Threshold);
        Assert.Equal(Math.BitIncrement(0.41), choice.Threshold);
        Assert.Equal("g=b", choice.SetBy);
        Assert.Null(choice.Confidence);
    }

    [Fact]
    public void The_pooled_threshold_wins_when_a_small_group_pushes_it_above_every_estimable_group()
    {
        // a and b both 0.01 … 0.21, so each alone needs just above 0.11; c's six 0.9s take six of the pooled 24.
        var pairs = Impostors("a", 7, i => (i + 1) / 100.0)
            .Concat(Impostors("b", 7, i => (i + 1) / 100.0))
            .Concat(Impostors("c", 4, _ => 0.9))
            .ToList();

        var choice = WorstGroupCalibration.Choose(pairs, Target);

        // Pooled order: six 0.9s, then a and b tied in twos from 0.21: index 24 is the tenth pair of ties, 0.12.
        Assert.Equal(Math.BitIncrement(0.11), Point(choice, "g=a").Threshold);
        Assert.Equal(Math.BitIncrement(0.12), choice.Threshold);
        Assert.Equal(WorstGroupCalibration.PooledGroup, choice.SetBy);
    }

    [Fact]
    public void Failed_impostor_pairs_count_in_the_denominator_but_are_never_accepted()
    {
        // 21 pairs, four of them failed: 10 may be accepted among the 17 scored (0.05 … 0.21).
        var pairs = Impostors("a", 7, i => i < 4 ? double.NaN : (i + 1) / 100.0).ToList();

        var choice = WorstGroupCalibration.Choose(pairs, Target);

        Assert.Equal(Math.BitIncrement(0.11), choice.Threshold);
        Assert.Equal(10.0 / 21, Point(choice, "g=a").Fmr);
    }

    [Fact]
    public void No_estimable_group_gives_no_threshold()
    {
        var choice = WorstGroupCalibration.Choose(Impostors("a", 6, i => i / 100.0), Target);

        Assert.Null(choice.Threshold);
        Assert.Null(choice.SetBy);
        Assert.Null(choice.Pooled);
        Assert.Equal(["g=a"], choice.NotEstimable);
    }

    [Fact]
    public void Genuine_pairs_give_each_point_its_FNMR_at_the_groups_threshold()
    {
        // a's threshold is just above 0.11: of its genuine scores 0.05, 0.2, 0.3 and a failed one, two are rejected.
        var pairs = Impostors("a", 7, i => (i + 1) / 100.0).ToList();
        pairs.Add(new GroupedComparison("g=a/s0", "g=a/s0", true, 0.05, "g=a"));
        pairs.Add(new GroupedComparison("g=a/s1", "g=a/s1", true, 0.2, "g=a"));
        pairs.Add(new GroupedComparison("g=a/s2", "g=a/s2", true, 0.3, "g=a"));
        pairs.Add(new GroupedComparison("g=a/s3", "g=a/s3", true, double.NaN, "g=a"));

        var choice = WorstGroupCalibration.Choose(pairs, Target);

        Assert.Equal(0.5, Point(choice, "g=a").Fnmr);
        Assert.Equal(0.5, choice.Pooled!.Fnmr);
    }

    [Fact]
    public void A_confident_threshold_is_never_below_the_point_threshold_and_replays_with_its_seed()
    {
        // Scores spread over 0 … 1 in 45 pairs of ten subjects: resamples move the 0.5-quantile around.
        var pairs = Impostors("a", 10, i => ((i * 37) % 45) / 45.0).Concat(Impostors("b", 10, i => ((i * 11) % 45) / 50.0)).ToList();
        var point = WorstGroupCalibration.Choose(pairs, Target);
        var confidence = new FmrConfidence(0.95, 300, 17, FmrBound.Confidence, ResamplingUnits.Subjects);

        var first = WorstGroupCalibration.Choose(pairs, Target, confidence);
        var again = WorstGroupCalibration.Choose(pairs, Target, confidence);

        Assert.Equal(0.95, first.Confidence);
        Assert.Equal(first.Threshold, again.Threshold);
        foreach (var g in point.Groups)
        {
            Assert.True(Point(first, g.Group).Threshold >= g.Point!.Threshold);
        }

        Assert.True(first.Threshold > point.Threshold, "With ten subjects the 95 % bootstrap threshold should lie above the point one.");
    }

    [Fact]
    public void Bootstrap_threshold_with_one_resample_equals_a_direct_weighted_recount()
    {
        var pairs = Impostors("a", 8, i => ((i * 13) % 28) / 28.0);
        var group = GroupSample.Split(pairs)[0];
        var confidence = new FmrConfidence(0.5, 1, 3, FmrBound.Confidence, ResamplingUnits.Subjects);

        double threshold = WorstGroupCalibration.BootstrapThreshold(group, Target, confidence, double.NegativeInfinity);

        // Replay the draw: the same stream as the calibration (seeded by the seed and the group's name).
        var random = new Random(StableHash.Seed(3, "g=a"));
        var drawn = new long[group.SubjectCount];
        for (int k = 0; k < drawn.Length; k++)
        {
            drawn[random.Next(drawn.Length)]++;
        }

        var weighted = Enumerable.Range(0, group.Scores.Length).Select(i => (Score: group.Scores[i], W: drawn[group.SubjectA[i]] * drawn[group.SubjectB[i]])).ToList();
        long total = weighted.Sum(x => x.W);
        long allowed = (long)Math.Floor(Target * total);

        // The resample's FMR at the threshold is within target, and just below it is not.
        long At(double t) => weighted.Where(x => x.Score >= t).Sum(x => x.W);
        Assert.True(At(threshold) <= allowed);
        Assert.True(At(Math.BitDecrement(threshold)) > allowed);
    }

    private static FaceAccord.Packs.Calibration.OperatingPoint Point(WorstGroupChoice choice, string group) =>
        choice.Groups.Single(g => g.Group == group).Point!;

    // Every pair of `subjects` subjects of group g=<label> as an impostor pair, the i-th scored score(i).
    private static List<GroupedComparison> Impostors(string label, int subjects, Func<int, double> score)
    {
        var list = new List<GroupedComparison>();
        for (int a = 0; a < subjects; a++)
        {
            for (int b = a + 1; b < subjects; b++)
            {
                list.Add(new GroupedComparison($"g={label}/s{a}", $"g={label}/s{b}", false, score(list.Count), $"g={label}"));
            }
        }

        return list;
    }
}
