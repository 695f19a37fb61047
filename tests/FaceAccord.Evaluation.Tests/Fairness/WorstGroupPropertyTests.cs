using FaceAccord.Evaluation.Fairness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class WorstGroupPropertyTests
{
    // Groups of 5 to 12 subjects have 10 to 66 impostor pairs: at 0.5 (20 needed) some are estimable, some not.
    private const double Target = 0.5;

    private static Gen<GroupedComparison[]> Groups { get; } =
        from count in Gen.Choose(2, 4)
        from groups in Gen.CollectToArray(Enumerable.Range(0, count), i => FairnessGenerators.Group($"group={i}", 5, 12))
        select groups.SelectMany(g => g).ToArray();

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 100)]
    public Property The_choice_does_not_depend_on_the_order_of_groups_or_rows()
    {
        var gen = from comparisons in Groups
                  from shuffled in Gen.Shuffle(comparisons)
                  select (comparisons, shuffled);
        return Prop.ForAll(gen.ToArbitrary(), t =>
            Same(WorstGroupCalibration.Choose(t.comparisons, Target), WorstGroupCalibration.Choose(t.shuffled, Target))
            && Same(
                WorstGroupCalibration.Choose(t.comparisons, Target, new FmrConfidence(0.9, 40, 5, FmrBound.Confidence, ResamplingUnits.Subjects)),
                WorstGroupCalibration.Choose(t.shuffled, Target, new FmrConfidence(0.9, 40, 5, FmrBound.Confidence, ResamplingUnits.Subjects)))
            && Same(
                WorstGroupCalibration.Choose(t.comparisons, Target, new FmrConfidence(0.9, 40, 5, FmrBound.Prediction, ResamplingUnits.LinkedSubjects)),
                WorstGroupCalibration.Choose(t.shuffled, Target, new FmrConfidence(0.9, 40, 5, FmrBound.Prediction, ResamplingUnits.LinkedSubjects))));
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 200)]
    public Property The_threshold_keeps_every_estimable_group_and_the_pool_within_target_and_is_the_lowest_that_does()
    {
        return Prop.ForAll(Groups.ToArbitrary(), comparisons =>
        {
            var choice = WorstGroupCalibration.Choose(comparisons, Target);
            var estimable = choice.Groups.Where(g => g.Point is not null).Select(g => g.Group).ToHashSet();
            if (choice.Threshold is not { } t)
            {
                return estimable.Count == 0;
            }

            double[] Rates(double threshold) =>
            [
                .. GroupErrorRates.At(comparisons, threshold).Where(r => estimable.Contains(r.Group)).Select(r => r.Fmr!.Value),
                GroupErrorRates.At(comparisons.Select(c => c with { Group = "all" }), threshold)[0].Fmr!.Value,
            ];

            // Just below the threshold some set exceeds the target, unless the setter already accepts all it scored.
            var setter = comparisons.Where(c => !c.IsGenuine && double.IsFinite(c.Score) && (choice.SetBy == WorstGroupCalibration.PooledGroup || c.Group == choice.SetBy)).ToList();
            bool acceptsAll = setter.Count > 0 && t == setter.Min(c => c.Score);
            return Rates(t).All(r => r <= Target) && (acceptsAll || Rates(Math.BitDecrement(t)).Any(r => r > Target));
        });
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 200)]
    public Property Holdout_split_is_disjoint_by_subject_stratified_and_fixed_by_its_seed()
    {
        var gen = from strata in Gen.Choose(1, 4)
                  from sizes in Gen.ArrayOf(Gen.Choose(1, 30), strata)
                  from fraction in Gen.Choose(1, 9).Select(i => i / 10.0)
                  from seed in Gen.Choose(0, 1000)
                  let subjects = sizes.SelectMany((n, s) => Enumerable.Range(0, n).Select(i => (Subject: $"p{s}-{i}", Stratum: $"s={s}"))).ToArray()
                  from shuffled in Gen.Shuffle(subjects)
                  select (subjects, shuffled, fraction, seed);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            // Images of one subject appear several times; the split is per subject.
            var rows = t.subjects.Concat(t.subjects).ToArray();
            var heldOut = SubjectSplit.HeldOut(rows, t.fraction, t.seed);
            var again = SubjectSplit.HeldOut(t.shuffled, t.fraction, t.seed);
            var calibration = t.subjects.Select(s => s.Subject).Where(s => !heldOut.Contains(s)).ToHashSet();

            // Dropping other strata leaves a stratum's split alone.
            var first = t.subjects.Where(s => s.Stratum == "s=0").ToArray();
            var alone = SubjectSplit.HeldOut(first, t.fraction, t.seed);
            return heldOut.SetEquals(again)
                && !calibration.Overlaps(heldOut)
                && heldOut.All(s => t.subjects.Any(x => x.Subject == s))
                && t.subjects.GroupBy(s => s.Stratum).All(g => g.Count(s => heldOut.Contains(s.Subject)) == (int)Math.Round(t.fraction * g.Count(), MidpointRounding.AwayFromZero))
                && alone.SetEquals(heldOut.Where(s => s.StartsWith("p0-", StringComparison.Ordinal)));
        });
    }

    [Fact]
    public void Another_seed_gives_another_split()
    {
        var subjects = Enumerable.Range(0, 40).Select(i => ($"p{i}", "s=a")).ToArray();

        Assert.False(SubjectSplit.HeldOut(subjects, 0.5, 1).SetEquals(SubjectSplit.HeldOut(subjects, 0.5, 2)));
    }

    [Fact]
    public void A_subject_in_two_strata_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SubjectSplit.HeldOut([("p", "s=a"), ("p", "s=b")], 0.5, 0));
    }

    private static bool Same(WorstGroupChoice a, WorstGroupChoice b) =>
        a.Threshold == b.Threshold && a.SetBy == b.SetBy && a.Pooled == b.Pooled
        && a.Groups.SequenceEqual(b.Groups) && a.NotEstimable.SequenceEqual(b.NotEstimable);
}
