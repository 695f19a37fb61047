using FaceAccord.Evaluation.Calibration;
using FaceAccord.Packs.Calibration;

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
/// With an <see cref="FmrConfidence"/> a set's threshold is raised by a bootstrap margin. Each resample draws as
/// many units (subjects, or linked subjects: <see cref="ResamplingUnits"/>) as the set has, with replacement; an
/// impostor pair weighs the product of its two subjects' unit draws (as in <see cref="SubjectBootstrap"/>), and the
/// resample's threshold is the lowest accepting at most ⌊r·weight⌋. With <see cref="FmrBound.Confidence"/> the set's
/// threshold is the higher of the point threshold and the level-quantile (Hyndman–Fan type 7) of the resampled
/// thresholds; with <see cref="FmrBound.Prediction"/> it is the point threshold plus the level-quantile of the
/// differences t_i − t_j over all ordered pairs of distinct resamples, which estimates how far an independent sample's
/// own threshold can lie above this one (both carry sampling error; their difference is what a held-out check sees).
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
            threshold = Math.Max(threshold, BootstrapThreshold(group, targetFmr, confidence, threshold));
        }

        var rates = group.RatesAt(threshold);
        return new OperatingPoint(threshold, rates.Fmr!.Value, rates.Fnmr, group.Name);
    }

    /// <summary>The bootstrap threshold of <paramref name="confidence"/>'s bound; internal so tests can check it against a slow recount.</summary>
    /// <param name="group">The set's comparisons.</param>
    /// <param name="targetFmr">The target FMR.</param>
    /// <param name="confidence">Level, resamples, seed, bound and units.</param>
    /// <param name="pointThreshold">The set's point threshold: the link level of linked units and the base of a prediction.</param>
    internal static double BootstrapThreshold(GroupSample group, double targetFmr, FmrConfidence confidence, double pointThreshold)
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
        var (unitOf, units) = confidence.Units == ResamplingUnits.LinkedSubjects
            ? LinkedUnits(group, pointThreshold)
            : ([.. Enumerable.Range(0, group.SubjectCount)], group.SubjectCount);
        var random = new Random(StableHash.Seed(confidence.Seed, group.Name));
        var drawn = new long[units];
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
                total += drawn[unitOf[group.SubjectA[i]]] * drawn[unitOf[group.SubjectB[i]]];
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
                accepted += drawn[unitOf[group.SubjectA[i]]] * drawn[unitOf[group.SubjectB[i]]];
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
        return confidence.Bound == FmrBound.Prediction
            ? pointThreshold + PredictionMargin(thresholds, confidence.Level)
            : Quantiles.TypeSeven(thresholds, confidence.Level);
    }

    /// <summary>
    /// Units of the linked bootstrap: subjects joined by an impostor pair scoring at or above the point threshold
    /// (the set's false matches), closed transitively; returns each subject's unit index and the unit count.
    /// </summary>
    internal static (int[] UnitOf, int Units) LinkedUnits(GroupSample group, double pointThreshold)
    {
        var sets = new Datasets.DisjointSets(group.SubjectCount);
        for (int i = 0; i < group.Scores.Length; i++)
        {
            // NaN (a failed comparison) compares false, so it never links.
            if (!group.IsGenuine[i] && group.Scores[i] >= pointThreshold)
            {
                sets.Union(group.SubjectA[i], group.SubjectB[i]);
            }
        }

        // Roots are the smallest member, so numbering roots in subject order is independent of the pairs' order.
        var unitOf = new int[group.SubjectCount];
        var indexOfRoot = new Dictionary<int, int>();
        for (int s = 0; s < unitOf.Length; s++)
        {
            int root = sets.Find(s);
            if (!indexOfRoot.TryGetValue(root, out int unit))
            {
                indexOfRoot[root] = unit = indexOfRoot.Count;
            }

            unitOf[s] = unit;
        }

        return (unitOf, indexOfRoot.Count);
    }

    /// <summary>The level-quantile of t_i − t_j over ordered pairs of distinct resamples i ≠ j (finite thresholds only).</summary>
    internal static double PredictionMargin(IReadOnlyList<double> thresholds, double level)
    {
        double[] finite = [.. thresholds.Where(double.IsFinite)];
        if (finite.Length < 2)
        {
            return 0;
        }

        var differences = new double[finite.Length * (finite.Length - 1)];
        int k = 0;
        for (int i = 0; i < finite.Length; i++)
        {
            for (int j = 0; j < finite.Length; j++)
            {
                if (i != j)
                {
                    differences[k++] = finite[i] - finite[j];
                }
            }
        }

        Array.Sort(differences);
        return Math.Max(0, Quantiles.TypeSeven(differences, level));
    }
}
