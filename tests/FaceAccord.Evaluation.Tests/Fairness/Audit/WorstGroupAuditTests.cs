using FaceAccord.Core;
using FaceAccord.Evaluation.Calibration;
using FaceAccord.Evaluation.Fairness;
using FaceAccord.Evaluation.Fairness.Audit;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class WorstGroupAuditTests : IDisposable
{
    private const string Model = "test/model";

    // Fifty subjects per group: a held-out half has 25, i.e. 300 impostor pairs, enough for FMR 0.05 (n·r = 15).
    private const int SubjectsPerGroup = 50;
    private const double Target = 0.05;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-worst-" + Guid.NewGuid().ToString("N"));
    private readonly AuditManifest _manifest;
    private readonly Dictionary<string, FaceTemplate?> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _groupOf = new(StringComparer.Ordinal);

    public WorstGroupAuditTests()
    {
        // Group a: random directions in 8 dimensions (impostor scores near 0). Group b: directions around one axis,
        // so its impostors score higher and it sets the worst-group threshold. Every tenth subject has a second,
        // slightly moved image, giving genuine pairs; one image of b has no face.
        Directory.CreateDirectory(_dir);
        var random = new Random(42);
        var rows = new List<string> { "image,subject,g" };
        foreach (string g in new[] { "a", "b" })
        {
            for (int s = 0; s < SubjectsPerGroup; s++)
            {
                float[] v = [.. Enumerable.Range(0, 8).Select(_ => (float)((random.NextDouble() * 2) - 1))];
                if (g == "b")
                {
                    v[0] += 2.5f;
                }

                for (int shot = 0; shot < (s % 10 == 0 ? 2 : 1); shot++)
                {
                    string image = Path.Combine(_dir, $"{g}{s}-{shot}.jpg");
                    File.WriteAllText(image, "x");
                    rows.Add($"{image},{g}{s},{g}");
                    _groupOf[image] = g;
                    float[] shotVector = [.. v.Select(x => x + (shot * 0.3f * (float)random.NextDouble()))];
                    _templates[image] = g == "b" && s == 7 ? null : new FaceTemplate(Model, Normalised(shotVector));
                }
            }
        }

        File.WriteAllLines(Path.Combine(_dir, "m.csv"), rows);
        _manifest = AuditManifest.Load(Path.Combine(_dir, "m.csv"));
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Chooses_on_one_half_of_the_subjects_and_measures_every_group_on_the_other()
    {
        var report = Run(holdout: 0.5, seed: 9);

        Assert.Equal(0.5, report.Holdout);
        Assert.StartsWith("held-out", report.Evaluation, StringComparison.Ordinal);
        Assert.Equal((SubjectsPerGroup, SubjectsPerGroup), (report.CalibrationSubjects, report.EvaluationSubjects));
        Assert.Equal("g=b", report.SetBy);
        Assert.Empty(report.NotEstimable);
        Assert.Equal(report.Groups.Max(g => g.OwnThreshold), report.Threshold);
        Assert.True(report.PooledThreshold <= report.Threshold);

        // Recount the held-out rates from the templates: all within-group pairs of two held-out subjects.
        var heldOut = SubjectSplit.HeldOut(_manifest.Entries.Select(e => (e.Subject, $"g={e.GroupValues[0]}")), 0.5, 9);
        double threshold = report.Threshold!.Value;
        foreach (var row in report.Groups)
        {
            string g = row.Group[2..];
            var images = _manifest.Entries.Where(e => e.GroupValues[0] == g && heldOut.Contains(e.Subject)).ToList();
            int impostors = 0, falseMatches = 0;
            for (int i = 0; i < images.Count; i++)
            {
                for (int j = i + 1; j < images.Count; j++)
                {
                    if (images[i].Subject == images[j].Subject)
                    {
                        continue;
                    }

                    impostors++;
                    falseMatches += _templates[images[i].Image] is { } x && _templates[images[j].Image] is { } y && x.Similarity(y) >= threshold ? 1 : 0;
                }
            }

            Assert.Equal(SubjectsPerGroup / 2, row.Subjects);
            Assert.Equal(SubjectsPerGroup / 2, row.CalibrationSubjects);
            Assert.Equal(impostors, row.ImpostorPairs);
            Assert.True(row.EstimableAtTarget);
            Assert.Equal(falseMatches, row.FalseMatches);
            Assert.Equal((double)falseMatches / impostors, row.Fmr);
            Assert.Equal(Target - row.Fmr, row.Margin);
            Assert.InRange(row.Fmr!.Value, row.FmrLower!.Value, row.FmrUpper!.Value);

            // A higher threshold than the pooled one never accepts more impostors nor fewer genuine pairs' errors.
            Assert.True(row.Fmr <= row.PooledFmr);
            if (row.GenuinePairs > 0)
            {
                Assert.True(row.FnmrCost >= 0);
            }
        }

        Assert.Equal(report.Groups.Sum(g => g.ImpostorPairs), report.Pooled.ImpostorPairs);
        Assert.Equal(report.Groups.All(g => g.Fmr <= Target), report.AllWithinTarget);
    }

    [Fact]
    public void Without_a_holdout_the_rates_are_in_sample_and_every_estimable_group_is_within_target()
    {
        var report = Run(holdout: null, seed: 1);

        Assert.Null(report.Holdout);
        Assert.StartsWith("in-sample", report.Evaluation, StringComparison.Ordinal);
        Assert.Equal(2 * SubjectsPerGroup, report.CalibrationSubjects);
        Assert.Equal(report.CalibrationSubjects, report.EvaluationSubjects);

        // In-sample the rule guarantees the target for every estimable group.
        Assert.True(report.AllWithinTarget);
        Assert.All(report.Groups, g => Assert.True(g.Margin >= 0));
        Assert.Equal(report.Groups.Single(g => g.Group == "g=b").OwnThreshold, report.Threshold);
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_and_another_seed_another_split()
    {
        var first = Run(0.5, 3);
        var again = Run(0.5, 3);
        var other = Run(0.5, 4);

        Assert.Equal(first.Threshold, again.Threshold);
        Assert.Equal(first.Groups, again.Groups);
        Assert.NotEqual(first.Threshold, other.Threshold);
    }

    [Fact]
    public void A_confident_threshold_is_at_least_the_point_one()
    {
        var point = Run(0.5, 2);
        var confident = WorstGroupAudit.Run(_manifest, _templates, new WorstGroupOptions { TargetFmr = Target, Holdout = 0.5, Confidence = 0.95 },
            new FairnessAuditOptions { Seed = 2, BootstrapResamples = 100 });

        Assert.Equal(0.95, confident.Confidence);
        Assert.Contains("quantile", confident.Rule, StringComparison.Ordinal);
        Assert.True(confident.Threshold >= point.Threshold);
    }

    [Fact]
    public void Writing_replaces_only_the_worst_group_point_of_the_target_and_records_where_it_came_from()
    {
        var report = Run(0.5, 9);
        var file = Calibration(0.05, 0.01);
        string path = Path.Combine(_dir, "calibration.json");
        file.Save(path);
        string note = WorstGroupCalibrationFile.Note(_manifest.Path, _manifest.Entries.Count, report);

        WorstGroupCalibrationFile.With(CalibrationFile.Load(path), report, note).Save(path);
        var written = CalibrationFile.Load(path);

        Assert.Equal(report.Threshold!.Value, written.ThresholdFor(Target, CalibrationMode.WorstGroup));
        Assert.Equal(file.ThresholdFor(Target, CalibrationMode.Overall), written.ThresholdFor(Target, CalibrationMode.Overall));
        Assert.Equal(file.ThresholdFor(0.01, CalibrationMode.WorstGroup), written.ThresholdFor(0.01, CalibrationMode.WorstGroup));
        Assert.Equal([.. file.Datasets, note], written.Datasets);
        Assert.Contains(_manifest.Path, note, StringComparison.Ordinal);
        Assert.Contains("holdout 0.5, seed 9", note, StringComparison.Ordinal);
        var point = written.Thresholds.Single(r => r.TargetFmr == Target).WorstGroup!;
        Assert.Equal(("g=b", report.Groups.Max(g => g.Fmr!.Value)), (point.Group, point.Fmr));
        Assert.Equal(file.Histograms.Impostor.Counts, written.Histograms.Impostor.Counts);
        Assert.Equal(file.Thresholds.Count, written.Thresholds.Count);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Writing_a_target_the_file_lacks_adds_its_row_in_order()
    {
        var report = Run(0.5, 9);
        var file = Calibration(0.1, 0.01);

        var written = WorstGroupCalibrationFile.With(file, report, "note");

        Assert.Equal([0.1, 0.05, 0.01], written.Thresholds.Select(r => r.TargetFmr));
        Assert.Equal(report.Threshold!.Value, written.ThresholdFor(Target, CalibrationMode.WorstGroup));
        Assert.Equal(report.PooledThreshold!.Value, written.ThresholdFor(Target, CalibrationMode.Overall));
    }

    [Fact]
    public void Without_a_threshold_nothing_is_written()
    {
        var report = WorstGroupAudit.Run(_manifest, _templates, new WorstGroupOptions { TargetFmr = 1e-4, Holdout = 0.5 },
            new FairnessAuditOptions { BootstrapResamples = 20 });

        Assert.Null(report.Threshold);
        Assert.Null(report.AllWithinTarget);
        Assert.Equal(["g=a", "g=b"], report.NotEstimable);
        var e = Assert.Throws<FaceAccordException>(() => WorstGroupCalibrationFile.With(Calibration(0.05), report, "note"));
        Assert.Equal("calibration-not-estimable", e.Code);
    }

    private WorstGroupReport Run(double? holdout, int seed) =>
        WorstGroupAudit.Run(_manifest, _templates, new WorstGroupOptions { TargetFmr = Target, Holdout = holdout },
            new FairnessAuditOptions { Seed = seed, BootstrapResamples = 100 });

    // A small calibration with worst-group points at the given targets, built by the product's own calibrator.
    private static CalibrationFile Calibration(params double[] targets)
    {
        var c = new ScoreCalibration(Model, ["synthetic"]);
        for (int i = 0; i < 4000; i++)
        {
            c.AddImpostor(i / 4000.0, i % 2 == 0 ? "g=a" : "g=b");
            c.AddGenuine(0.5 + (i / 8000.0));
        }

        return c.Build(DateTimeOffset.UnixEpoch, targets);
    }

    private static float[] Normalised(float[] v)
    {
        float n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }
}
