using FaceAccord.Core;
using FaceAccord.Evaluation.Metrics;

namespace FaceAccord.Evaluation.Tests.Metrics;

public sealed class VerificationMetricsTests
{
    private static readonly ScoredPair[] FourPairs =
    [
        new(0.9, true), new(0.8, false), new(0.3, true), new(0.1, false),
    ];

    [Fact]
    public void Accuracy_counts_correct_decisions_with_score_at_threshold_accepted()
    {
        Assert.Equal(0.5, VerificationMetrics.Accuracy(FourPairs, 0.5));
        Assert.Equal(0.75, VerificationMetrics.Accuracy(FourPairs, 0.3));
        Assert.Equal(0.5, VerificationMetrics.Accuracy(FourPairs, Math.BitIncrement(0.3)));
    }

    [Fact]
    public void Failed_pairs_are_wrong_at_every_threshold_but_stay_in_the_denominator()
    {
        ScoredPair[] pairs = [new(0.9, true), new(0.1, false), new(double.NaN, true), new(double.NaN, false)];

        Assert.Equal(0.5, VerificationMetrics.Accuracy(pairs, 0.5));
        Assert.Equal(0.25, VerificationMetrics.Accuracy(pairs, -5));
        Assert.Equal(0.25, VerificationMetrics.Accuracy(pairs, 5));
    }

    [Fact]
    public void Best_threshold_is_a_midpoint_and_ties_go_to_the_highest()
    {
        // Candidates: 0.1 → 2 correct, 0.2 → 3, 0.55 → 2, 0.85 → 3, above 0.9 → 2.
        Assert.Equal(0.85, VerificationMetrics.BestThreshold(FourPairs), 12);
    }

    [Fact]
    public void Best_threshold_handles_tied_scores_and_the_accept_and_reject_all_ends()
    {
        ScoredPair[] allGenuine = [new(0.2, true), new(0.4, true)];
        ScoredPair[] allImpostor = [new(0.2, false), new(0.4, false)];
        ScoredPair[] tied = [new(0.5, true), new(0.5, false), new(0.5, true), new(0.1, false)];

        Assert.Equal(0.2, VerificationMetrics.BestThreshold(allGenuine));
        Assert.Equal(Math.BitIncrement(0.4), VerificationMetrics.BestThreshold(allImpostor));
        Assert.Equal(0.3, VerificationMetrics.BestThreshold(tied), 12);
        Assert.Equal(0.75, VerificationMetrics.Accuracy(tied, VerificationMetrics.BestThreshold(tied)));
    }

    [Fact]
    public void Best_threshold_ignores_failed_pairs_and_refuses_when_none_has_a_score()
    {
        ScoredPair[] pairs = [new(double.NaN, false), new(0.7, true), new(0.2, false), new(double.NaN, true)];

        Assert.Equal(0.45, VerificationMetrics.BestThreshold(pairs), 12);
        var e = Assert.Throws<FaceAccordException>(() => VerificationMetrics.BestThreshold([new(double.NaN, true)]));
        Assert.Equal("scores-insufficient", e.Code);
    }

    [Fact]
    public void KFold_chooses_each_threshold_on_the_other_folds()
    {
        ScoredPair[] pairs =
        [
            new(0.9, true, 0), new(0.1, false, 0),
            new(0.8, true, 1), new(0.2, false, 1),
            new(0.3, true, 2), new(0.4, false, 2),
        ];

        var report = VerificationMetrics.KFold(pairs);

        // Fold 0 trains on {0.2F, 0.3T, 0.4F, 0.8T}: 0.25 and 0.6 tie at 3/4, the higher wins.
        Assert.Equal(new[] { 0.6, 0.65, 0.5 }, report.FoldThresholds.Select(t => Math.Round(t, 12)));
        Assert.Equal(new[] { 1.0, 1.0, 0.5 }, report.FoldAccuracies);
        Assert.Equal(3, report.Folds);
        Assert.Equal(6, report.Pairs);
        Assert.Equal(0, report.FailedPairs);
        Assert.Equal(2.5 / 3, report.Accuracy, 12);
        Assert.Equal(Math.Sqrt(1.0 / 12), report.AccuracyStd!.Value, 12);
        Assert.Equal(1.75 / 3, report.Threshold, 12);
        Assert.Null(report.TarAtFar1e3);
    }

    [Fact]
    public void KFold_needs_two_folds()
    {
        var e = Assert.Throws<FaceAccordException>(() => VerificationMetrics.KFold(FourPairs));

        Assert.Equal("scores-insufficient", e.Code);
    }

    [Fact]
    public void TrainTest_measures_on_the_test_set_with_the_training_threshold()
    {
        ScoredPair[] train = [new(0.9, true), new(0.7, true), new(0.3, false), new(0.1, false)];
        ScoredPair[] test = [new(0.6, true), new(0.4, true), new(0.2, false), new(double.NaN, false)];

        var report = VerificationMetrics.TrainTest(train, test);

        Assert.Equal(0.5, report.Threshold, 12);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Null(report.AccuracyStd);
        Assert.Equal(1, report.Folds);
        Assert.Equal(4, report.Pairs);
        Assert.Equal(1, report.FailedPairs);
        Assert.Equal(new[] { 0.5 }, report.FoldAccuracies);
    }

    [Fact]
    public void TarAtFar1e3_is_reported_once_there_are_a_thousand_impostors()
    {
        var pairs = Enumerable.Range(0, 1000).Select(i => new ScoredPair(i / 2000.0, false, i % 2))
            .Concat(Enumerable.Range(0, 50).Select(i => new ScoredPair(0.6 + (i / 1000.0), true, i % 2)))
            .Concat(Enumerable.Range(0, 50).Select(i => new ScoredPair(0.3 + (i / 1000.0), true, i % 2)))
            .ToArray();

        var report = VerificationMetrics.KFold(pairs);

        // One false match in 1000 admits the 50 genuine pairs above the top impostor (0.4995), no more.
        Assert.Equal(0.5, report.TarAtFar1e3!.Value, 12);
    }
}
