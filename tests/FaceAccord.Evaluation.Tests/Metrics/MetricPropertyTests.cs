using FaceAccord.Evaluation.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Metrics;

public sealed class MetricPropertyTests
{
    [Property(Replay = ScoreGenerators.Replay, MaxTest = 300)]
    public Property Metrics_do_not_depend_on_pair_order()
    {
        var gen = from pairs in ScoreGenerators.Pairs(folds: 3)
                  from shuffled in Gen.Shuffle(pairs)
                  select (pairs, shuffled);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, b) = t;
            var rocA = RocCurve.From(a);
            var rocB = RocCurve.From(b);
            var kA = VerificationMetrics.KFold(a);
            var kB = VerificationMetrics.KFold(b);
            double threshold = VerificationMetrics.BestThreshold(a);
            return threshold == VerificationMetrics.BestThreshold(b)
                && VerificationMetrics.Accuracy(a, threshold) == VerificationMetrics.Accuracy(b, threshold)
                && ErrorRates.At(a, threshold) == ErrorRates.At(b, threshold)
                && rocA.Eer == rocB.Eer
                && rocA.TarAtFar(0.3) == rocB.TarAtFar(0.3)
                && kA.FoldAccuracies.SequenceEqual(kB.FoldAccuracies)
                && kA.FoldThresholds.SequenceEqual(kB.FoldThresholds);
        });
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 300)]
    public Property Perfect_separation_gives_accuracy_one_and_EER_zero() =>
        Prop.ForAll(ScoreGenerators.Separated.ToArbitrary(), pairs =>
        {
            var report = VerificationMetrics.TrainTest(pairs, pairs);
            var roc = RocCurve.From(pairs);
            double far = 1.0 / roc.ImpostorPairs;
            return report.Accuracy == 1 && report.Eer == 0 && roc.TarAtFar(far) == 1;
        });

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 300)]
    public Property A_failed_pair_never_raises_accuracy_and_lowers_it_when_it_was_right()
    {
        var gen = from pairs in ScoreGenerators.Pairs()
                  from index in Gen.Choose(0, pairs.Length - 1)
                  select (pairs, index);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (pairs, index) = t;
            var failed = (ScoredPair[])pairs.Clone();
            failed[index] = failed[index] with { Score = double.NaN };
            double threshold = VerificationMetrics.BestThreshold(pairs);
            double before = VerificationMetrics.Accuracy(pairs, threshold);
            double after = VerificationMetrics.Accuracy(failed, threshold);
            double expected = pairs[index].IsCorrectAt(threshold) ? before - (1.0 / pairs.Length) : before;
            int failures = failed.Count(p => p.IsFailed);
            return Math.Abs(after - expected) < 1e-12
                && after <= (double)(failed.Length - failures) / failed.Length
                && RocCurve.From(failed).Eer >= RocCurve.From(pairs).Eer - 1e-12;
        });
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 300)]
    public Property The_best_threshold_beats_every_observed_score_as_threshold() =>
        Prop.ForAll(ScoreGenerators.Pairs().ToArbitrary(), pairs =>
        {
            double best = VerificationMetrics.Accuracy(pairs, VerificationMetrics.BestThreshold(pairs));
            return pairs.Where(p => !p.IsFailed)
                .All(p => VerificationMetrics.Accuracy(pairs, p.Score) <= best
                    && VerificationMetrics.Accuracy(pairs, Math.BitIncrement(p.Score)) <= best);
        });
}
