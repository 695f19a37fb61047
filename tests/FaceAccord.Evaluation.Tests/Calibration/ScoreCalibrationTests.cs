using FaceAccord.Evaluation.Calibration;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Tests.Calibration;

public sealed class ScoreCalibrationTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // Scores lo, lo + step, …: n distinct values, the highest lo + (n − 1)·step.
    private static IEnumerable<double> Ladder(int n, double lo, double step) => Enumerable.Range(0, n).Select(i => lo + (i * step));

    [Fact]
    public void Overall_threshold_admits_at_most_the_target_share_of_impostors()
    {
        var calibration = new ScoreCalibration("pack-a", ["synthetic"]);
        foreach (double s in Ladder(1000, -0.5, 0.001))
        {
            calibration.AddImpostor(s);
        }

        foreach (double s in new[] { 0.6, 0.488, 0.48, double.NaN })
        {
            calibration.AddGenuine(s);
        }

        var file = calibration.Build(Created);

        // Descending, the 11th highest score is 0.489; ten impostors (0.490 … 0.499) stay above the threshold.
        var row = Assert.Single(file.Thresholds, r => r.TargetFmr == 1e-2);
        Assert.Equal(Math.BitIncrement(-0.5 + (989 * 0.001)), row.Overall!.Threshold);
        Assert.Equal(0.01, row.Overall.Fmr);
        Assert.Equal(0.75, row.Overall.Fnmr);
        Assert.Null(row.Overall.Group);
        Assert.Equal(row.Overall, row.WorstGroup);
        Assert.Empty(row.Groups);
        Assert.Empty(row.NotEstimable);
        Assert.All(file.Thresholds.Where(r => r.TargetFmr < 1e-2), r => Assert.Null(r.Overall));
        Assert.Equal(ScoreCalibration.DefaultTargetFmrs, file.Thresholds.Select(r => r.TargetFmr));
        Assert.Equal(new PairCounts(4, 1), file.Genuine);
        Assert.Equal(new PairCounts(1000, 0), file.Impostor);
    }

    [Fact]
    public void Worst_group_threshold_is_the_highest_group_threshold()
    {
        var calibration = new ScoreCalibration("pack-a", ["utk", "lfw"]);
        foreach (double s in Ladder(1000, -0.6, 0.0005))
        {
            calibration.AddImpostor(s, "race=White|gender=male");
        }

        foreach (double s in Ladder(1000, -0.4, 0.0006))
        {
            calibration.AddImpostor(s, "race=Black|gender=female");
        }

        calibration.AddGenuine(0.5);
        var row = calibration.Build(Created, [0.01]).Thresholds.Single();

        // Group thresholds sit just above each group's 11th highest score; pooled, 20 of 2000 may pass.
        Assert.Equal(new[] { "race=Black|gender=female", "race=White|gender=male" }, row.Groups.Select(g => g.Group));
        double black = Math.BitIncrement(-0.4 + (989 * 0.0006));
        double white = Math.BitIncrement(-0.6 + (989 * 0.0005));
        Assert.Equal(black, row.Groups[0].Threshold);
        Assert.Equal(white, row.Groups[1].Threshold);
        Assert.Equal(black, row.WorstGroup!.Threshold);
        Assert.Equal("race=Black|gender=female", row.WorstGroup.Group);
        Assert.Equal(0.01, row.WorstGroup.Fmr);
        Assert.True(row.Overall!.Threshold < black);
        Assert.Equal(0.01, row.Overall.Fmr);
    }

    [Fact]
    public void A_group_with_too_few_pairs_is_not_estimable_and_withholds_the_worst_group_threshold()
    {
        var calibration = new ScoreCalibration("pack-a", ["synthetic"]);
        foreach (double s in Ladder(1000, -0.5, 0.001))
        {
            calibration.AddImpostor(s, "big");
        }

        foreach (double s in Ladder(999, -0.5, 0.001))
        {
            calibration.AddImpostor(s, "small");
        }

        calibration.AddImpostor(double.NaN, "small");
        var file = calibration.Build(Created, [0.01]);
        var row = file.Thresholds.Single();

        // "small" has 1000 pairs, but one failed: 999 scored pairs fall short of 10 / 0.01.
        Assert.Equal(new[] { "small" }, row.NotEstimable);
        Assert.Equal("big", Assert.Single(row.Groups).Group);
        Assert.Null(row.WorstGroup);
        Assert.NotNull(row.Overall);
        Assert.Null(row.Overall.Fnmr);
        Assert.Equal(new PairCounts(1000, 1), file.ImpostorByGroup["small"]);
        Assert.Equal(999, file.Histograms.ImpostorByGroup["small"].Counts.Sum());
    }

    [Fact]
    public void Histograms_cover_minus_one_to_one_in_200_bins_and_clamp_outliers()
    {
        var calibration = new ScoreCalibration("pack-a", ["synthetic"]);
        foreach (double s in new[] { -1.0, -0.985, 0.0, 0.999, 1.0, 1.0000001, -1.2, double.NaN })
        {
            calibration.AddGenuine(s);
        }

        var genuine = calibration.Build(Created).Histograms.Genuine;

        Assert.Equal(200, genuine.Counts.Count);
        Assert.Equal((-1.0, 1.0), (genuine.Min, genuine.Max));
        Assert.Equal(2, genuine.Counts[0]);
        Assert.Equal(1, genuine.Counts[1]);
        Assert.Equal(1, genuine.Counts[100]);
        Assert.Equal(3, genuine.Counts[199]);
        Assert.Equal(7, genuine.Counts.Sum());
    }

    [Fact]
    public void Targets_outside_zero_to_one_are_refused()
    {
        var calibration = new ScoreCalibration("pack-a", ["synthetic"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.Build(Created, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.Build(Created, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.Build(Created, [double.NaN]));
    }
}
