using FaceAccord.Evaluation.Fairness;

namespace FaceAccord.Evaluation.Tests.Fairness;

/// <summary>
/// The margins worst-group calibration can put above a point threshold: the prediction bound, and bootstrap units
/// that link subjects sharing a false match.
/// </summary>
public sealed class WorstGroupBoundTests
{
    [Fact]
    public void The_prediction_margin_is_a_quantile_of_differences_between_two_resamples()
    {
        // Ordered differences of {0.1, 0.2, 0.4}: ±0.1, ±0.2, ±0.3; sorted −0.3 … 0.3.
        double[] thresholds = [0.4, 0.1, 0.2];

        Assert.Equal(0.2, WorstGroupCalibration.PredictionMargin(thresholds, 0.8), 12);
        Assert.Equal(0.3, WorstGroupCalibration.PredictionMargin(thresholds, 1 - 1e-12), 9);
        Assert.Equal(0, WorstGroupCalibration.PredictionMargin(thresholds, 0.5), 12);

        // Below the median the difference is negative; a margin never lowers the threshold.
        Assert.Equal(0, WorstGroupCalibration.PredictionMargin(thresholds, 0.2));

        // One finite resample (or none) gives no spread to predict from.
        Assert.Equal(0, WorstGroupCalibration.PredictionMargin([0.3, double.NegativeInfinity], 0.95));
    }

    [Fact]
    public void Linked_units_join_subjects_through_false_matches_at_the_point_threshold_transitively()
    {
        // Five subjects; pairs (0,1) and (1,3) score at the threshold 0.9, (2,4) just below, a failed pair never links.
        var pairs = new List<GroupedComparison>
        {
            Impostor(0, 1, 0.95), Impostor(1, 3, 0.9), Impostor(2, 4, Math.BitDecrement(0.9)), Impostor(0, 2, double.NaN),
            Impostor(0, 4, 0.2), Impostor(3, 4, 0.1),
        };
        var group = GroupSample.Split(pairs)[0];

        var (unitOf, units) = WorstGroupCalibration.LinkedUnits(group, 0.9);

        // Subjects are indexed in ordinal order of their ids (s0 … s4); units are numbered by their first subject.
        Assert.Equal(3, units);
        Assert.Equal([0, 0, 1, 0, 2], unitOf);
        var shuffled = WorstGroupCalibration.LinkedUnits(GroupSample.Split(Enumerable.Reverse(pairs))[0], 0.9);
        Assert.Equal(unitOf, shuffled.UnitOf);
    }

    [Fact]
    public void A_linked_resample_draws_whole_units_and_weighs_pairs_by_their_units_draws()
    {
        // Twelve subjects (66 pairs, estimable at 0.2); s0–s3 match each other (a clump), the rest spread below.
        var pairs = new List<GroupedComparison>();
        for (int a = 0; a < 12; a++)
        {
            for (int b = a + 1; b < 12; b++)
            {
                double score = a < 4 && b < 4 ? 0.9 + (0.01 * (a + b)) : ((a * 7) + (b * 3)) % 17 / 20.0;
                pairs.Add(Impostor(a, b, score));
            }
        }

        const double target = 0.2;
        var group = GroupSample.Split(pairs)[0];
        double point = GroupThresholds.ThresholdOf(group, target)!.Value;
        var confidence = new FmrConfidence(0.5, 1, 11, FmrBound.Confidence, ResamplingUnits.LinkedSubjects);

        double threshold = WorstGroupCalibration.BootstrapThreshold(group, target, confidence, point);

        // Replay: the units, then one draw of as many units as there are, from the group's own stream.
        var (unitOf, units) = WorstGroupCalibration.LinkedUnits(group, point);
        Assert.Equal(unitOf[0], unitOf[3]);
        Assert.True(units <= 9, "the clump should form one unit");
        var random = new Random(StableHash.Seed(11, group.Name));
        var drawn = new long[units];
        for (int k = 0; k < units; k++)
        {
            drawn[random.Next(units)]++;
        }

        var weighted = Enumerable.Range(0, group.Scores.Length)
            .Select(i => (Score: group.Scores[i], W: drawn[unitOf[group.SubjectA[i]]] * drawn[unitOf[group.SubjectB[i]]]))
            .ToList();
        long allowed = (long)Math.Floor(target * weighted.Sum(x => x.W));
        long At(double t) => weighted.Where(x => x.Score >= t).Sum(x => x.W);
        Assert.True(At(threshold) <= allowed);
        Assert.True(At(Math.BitDecrement(threshold)) > allowed);
    }

    [Fact]
    public void With_repeated_people_the_linked_prediction_bound_keeps_held_out_halves_within_target()
    {
        // A population without identity labels, as UTKFace: 420 files, of which four people have 14–22 files each
        // and everyone else one. Same-person pairs score high, as true false matches of look-alikes would; other
        // pairs are noise. Each of 24 seeded half splits calibrates on one half and measures the other.
        const double target = 0.01;
        var outcomes = new Dictionary<string, int> { ["point"] = 0, ["linked-prediction"] = 0 };
        const int splits = 24;
        for (int split = 0; split < splits; split++)
        {
            var (calibration, heldOut) = RepeatedPeopleHalves(split);
            var held = GroupSample.Split(heldOut)[0];
            foreach (var (rule, bound) in new (string, FmrConfidence?)[]
            {
                ("point", null),
                ("linked-prediction", new FmrConfidence(0.95, 100, split, FmrBound.Prediction, ResamplingUnits.LinkedSubjects)),
            })
            {
                double threshold = WorstGroupCalibration.Choose(calibration, target, bound).Threshold!.Value;
                if (held.RatesAt(threshold).Fmr <= target)
                {
                    outcomes[rule]++;
                }
            }
        }

        // A bound at 0.95 should fail about one split in twenty (it passed all 24 when written); the point rule,
        // set exactly at one half's quantile, fails about half of them (it passed 14).
        Assert.True(outcomes["linked-prediction"] >= splits - 3, $"linked prediction passed {outcomes["linked-prediction"]} of {splits}");
        Assert.True(outcomes["point"] <= splits * 3 / 4, $"point passed {outcomes["point"]} of {splits}");
    }

    // The population is fixed (seed 1234); only the split varies with the seed.
    private static (List<GroupedComparison> Calibration, List<GroupedComparison> HeldOut) RepeatedPeopleHalves(int seed)
    {
        var population = new Random(1234);
        var person = new List<int>();
        for (int p = 0; p < 4; p++)
        {
            person.AddRange(Enumerable.Repeat(p, population.Next(14, 23)));
        }

        while (person.Count < 420)
        {
            person.Add(person.Count + 1000);
        }

        // Every pair's score is drawn once, so both halves see the same population.
        int n = person.Count;
        var score = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                score[a, b] = person[a] == person[b] ? 0.8 + (0.1 * population.NextDouble()) : Math.Tanh(Gaussian(population) * 0.15);
            }
        }

        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return (Pairs(order[..(n / 2)]), Pairs(order[(n / 2)..]));

        List<GroupedComparison> Pairs(int[] files)
        {
            var list = new List<GroupedComparison>();
            foreach (int a in files)
            {
                foreach (int b in files)
                {
                    if (a < b)
                    {
                        list.Add(new GroupedComparison($"f{a:D3}", $"f{b:D3}", false, score[a, b], "g=x"));
                    }
                }
            }

            return list;
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static GroupedComparison Impostor(int a, int b, double score) => new($"s{a}", $"s{b}", false, score, "g=a");
}
