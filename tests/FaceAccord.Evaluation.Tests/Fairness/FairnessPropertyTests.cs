using FaceAccord.Evaluation.Fairness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Fairness;

public sealed class FairnessPropertyTests
{
    private const double Threshold = 0.25;

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 200)]
    public Property Identical_groups_are_perfectly_fair()
    {
        var gen = from one in FairnessGenerators.Group("g")
                  from copies in Gen.Choose(2, 5)
                  select Enumerable.Range(0, copies).SelectMany(i => FairnessGenerators.Relabel(one, $"copy={i}")).ToArray();
        return Prop.ForAll(gen.ToArbitrary(), comparisons =>
        {
            var s = FairnessSummary.At(comparisons, Threshold, alpha: 0.3);
            return s.FmrMaxMinRatio == 1 && s.FnmrMaxMinRatio == 1
                && Math.Abs(s.FmrInequity!.Value - 1) < 1e-12 && Math.Abs(s.FnmrInequity!.Value - 1) < 1e-12
                && s.Fdr == 1 && s.Garbe == 0;
        });
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 100)]
    public Property Results_do_not_depend_on_the_order_of_rows()
    {
        var gen = from comparisons in FairnessGenerators.Groups
                  from shuffled in Gen.Shuffle(comparisons)
                  select (comparisons, shuffled);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, b) = t;
            var intervalsA = SubjectBootstrap.Intervals(a, Threshold, seed: 5, resamples: 100);
            var intervalsB = SubjectBootstrap.Intervals(b, Threshold, seed: 5, resamples: 100);
            return GroupErrorRates.At(a, Threshold).SequenceEqual(GroupErrorRates.At(b, Threshold))
                && FairnessSummary.At(a, Threshold) == FairnessSummary.At(b, Threshold)
                && GroupThresholds.FnmrAtFmr(a, 0.5).SequenceEqual(GroupThresholds.FnmrAtFmr(b, 0.5))
                && intervalsA.SequenceEqual(intervalsB);
        });
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 200)]
    public Property Summary_does_not_depend_on_the_order_of_groups()
    {
        var gen = from comparisons in FairnessGenerators.Groups
                  let rates = GroupErrorRates.At(comparisons, Threshold).ToArray()
                  from shuffled in Gen.Shuffle(rates)
                  select (rates, shuffled);
        return Prop.ForAll(gen.ToArbitrary(), t => FairnessSummary.Of(t.rates, 0.7) == FairnessSummary.Of(t.shuffled, 0.7));
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 100)]
    public Property Bootstrap_interval_holds_the_point_estimate_and_replays_with_its_seed()
    {
        var gen = from comparisons in FairnessGenerators.Groups
                  from seed in Gen.Choose(0, int.MaxValue)
                  select (comparisons, seed);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var first = SubjectBootstrap.Intervals(t.comparisons, Threshold, t.seed, resamples: 200);
            var again = SubjectBootstrap.Intervals(t.comparisons, Threshold, t.seed, resamples: 200);
            return first.SequenceEqual(again)
                && first.All(g => g.Fmr!.Value.Contains(g.Rates.Fmr!.Value) && g.Fnmr!.Value.Contains(g.Rates.Fnmr!.Value)
                    && g.Fmr.Value.Lower >= 0 && g.Fnmr.Value.Upper <= 1);
        });
    }
}
