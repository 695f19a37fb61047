using FaceAccord.Evaluation.Calibration;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Chooses one threshold whose false-match rate stays within the target for every demographic group that has
/// enough impostor pairs to say, so the promise "FMR ≤ r" holds for the worst-served group, not only on average.
/// </summary>
/// <remarks>
/// Rule. A group is estimable at target r when its impostor pairs n (failed ones included) satisfy
/// n·r ≥ <see cref="ScoreCalibration.MinExpectedFalseMatches"/> (10), as in the pack calibration. A set's threshold
/// is the lowest that accepts at most ⌊r·n⌋ of its impostor pairs (<see cref="GroupThresholds"/>). FMR falls as the
/// threshold rises, so the lowest threshold within target for every estimable group, and for all pairs pooled, is
/// the highest of their own thresholds. Groups that are not estimable are listed and do not constrain the choice.
/// With an <see cref="FmrConfidence"/> a set's threshold is instead the higher of that point threshold and the
/// level-quantile (Hyndman–Fan type 7) of the thresholds of its subject-bootstrap resamples (subjects drawn with
/// replacement, impostor pair weighted by the product of its subjects' draws, as in <see cref="SubjectBootstrap"/>).
/// </remarks>
public static class WorstGroupCalibration
{
    /// <summary>The label of all pairs pooled, which no demographic label can be (labels are <c>column=value</c>).</summary>
    public const string PooledGroup = "pooled";

    /// <summary>Chooses the worst-group threshold for <paramref name="targetFmr"/> from <paramref name="comparisons"/>.</summary>
    public static WorstGroupChoice Choose(IEnumerable<GroupedComparison> comparisons, double targetFmr, FmrConfidence? confidence = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        if (!(targetFmr > 0 && targetFmr < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetFmr), targetFmr, "A target false-match rate lies in (0, 1).");
        }

        if (confidence is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(confidence.Resamples, 1);
            if (!(confidence.Level > 0 && confidence.Level < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(confidence), confidence.Level, "A confidence level lies in (0, 1).");
            }
        }

        var all = comparisons as IReadOnlyCollection<GroupedComparison> ?? [.. comparisons];
        var groups = GroupSample.Split(all);
        var points = new List<GroupFnmrAtFmr>(groups.Count);
        var notEstimable = new List<string>();
        double? threshold = null;
        string? setBy = null;
        foreach (var group in groups)
        {
            var point = PointOf(group, targetFmr, confidence);
            points.Add(new GroupFnmrAtFmr(group.Name, targetFmr, point));
            if (point is null)
            {
                notEstimable.Add(group.Name);
            }
            else if (threshold is not { } t || point.Threshold > t)
            {
                // Strictly higher only: among equal thresholds the first group by name is named.
                threshold = point.Threshold;
                setBy = group.Name;
            }
        }

        OperatingPoint? pooled = null;
        if (groups.Count > 0)
        {
            var pooledSample = GroupSample.Split(all.Select(c => c with { Group = PooledGroup }))[0];
            pooled = PointOf(pooledSample, targetFmr, confidence);
        }

        if (threshold is { } chosen && pooled is { } p && p.Threshold > chosen)
        {
            threshold = p.Threshold;
            setBy = PooledGroup;
        }

        return new WorstGroupChoice(targetFmr, confidence?.Level, threshold, setBy, pooled is null ? null : pooled with { Group = null }, points, notEstimable);
    }

    private static OperatingPoint? PointOf(GroupSample group, double targetFmr, FmrConfidence? confidence)
    {
        if (GroupThresholds.ThresholdOf(group, targetFmr) is not { } threshold)
        {
            return null;
        }

        if (confidence is not null)
        {
            threshold = Math.Max(threshold, BootstrapThreshold(group, targetFmr, confidence));
        }

        var rates = group.RatesAt(threshold);
        return new OperatingPoint(threshold, rates.Fmr!.Value, rates.Fnmr, group.Name);
    }

    /// <summary>The level-quantile of the resampled thresholds; internal so tests can check it against a slow recount.</summary>
    internal static double BootstrapThreshold(GroupSample group, double targetFmr, FmrConfidence confidence)
    {
        // Scored impostor pairs by descending score; failed ones weigh in the total but can never be accepted.
        var scored = new List<int>();
        var impostor = new List<int>();
        for (int i = 0; i < group.Scores.Length; i++)
        {
            if (!group.IsGenuine[i])
            {
                impostor.Add(i);
                if (double.IsFinite(group.Scores[i]))
                {
                    scored.Add(i);
                }
            }
        }

        scored.Sort((x, y) => group.Scores[y].CompareTo(group.Scores[x]));
        var random = new Random(StableHash.Seed(confidence.Seed, group.Name));
        var drawn = new long[group.SubjectCount];
        var thresholds = new List<double>(confidence.Resamples);
        for (int r = 0; r < confidence.Resamples; r++)
        {
            Array.Clear(drawn);
            for (int k = 0; k < drawn.Length; k++)
            {
                drawn[random.Next(drawn.Length)]++;
            }

            long total = 0;
            foreach (int i in impostor)
            {
                total += drawn[group.SubjectA[i]] * drawn[group.SubjectB[i]];
            }

            if (total == 0)
            {
                continue;
            }

            // Walking down the scores, the first pair that takes the accepted weight past the allowance sets the
            // threshold just above its score (ties with it are excluded with it, which only lowers the count).
            long allowed = GroupThresholds.Allowed(total, targetFmr);
            long accepted = 0;
            double t = scored.Count > 0 ? group.Scores[scored[^1]] : double.NegativeInfinity;
            foreach (int i in scored)
            {
                accepted += drawn[group.SubjectA[i]] * drawn[group.SubjectB[i]];
                if (accepted > allowed)
                {
                    t = Math.BitIncrement(group.Scores[i]);
                    break;
                }
            }

            thresholds.Add(t);
        }

        if (thresholds.Count == 0)
        {
            return double.NegativeInfinity;
        }

        thresholds.Sort();
        double h = (thresholds.Count - 1) * confidence.Level;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, thresholds.Count - 1);

        // A resample that accepts everything has no finite threshold; between it and a finite one take the higher.
        return double.IsFinite(thresholds[lo]) ? thresholds[lo] + ((h - lo) * (thresholds[hi] - thresholds[lo])) : thresholds[hi];
    }
}
