using FaceAccord.Packs.Calibration;
namespace FaceAccord.Evaluation.Calibration;

/// <summary>
/// Turns genuine and (group-labelled) impostor scores into a <see cref="CalibrationFile"/>: the thresholds
/// that keep the false-match rate at each target, overall and for the worst measured group.
/// </summary>
/// <remarks>
/// Rules, all empirical and stated here so a threshold can be traced:
/// <list type="bullet">
/// <item>Scores are accepted when ≥ the threshold. For a set of n scored impostors and target r, at most
/// k = ⌊r·n⌋ may be accepted; the threshold is the next double above the (k+1)-th highest score, the lowest
/// one that keeps the empirical FMR ≤ r.</item>
/// <item>A rate r is estimable for a set only when n·r ≥ <see cref="MinExpectedFalseMatches"/> (10), i.e. at
/// least 10/r impostor pairs; a group below that is listed as not estimable at that rate.</item>
/// <item>The worst-group threshold is the maximum of the overall threshold and every group's, so FMR ≤ r
/// holds overall and for each group; it is given only when all of them are estimable.</item>
/// <item>Failed pairs (non-finite score: no face found) are counted but left out of the distributions. A failed
/// impostor comparison cannot produce a match, while a failed genuine one is a false non-match, so FNMR
/// counts failed genuine pairs as errors.</item>
/// </list>
/// </remarks>
public sealed class ScoreCalibration
{
    /// <summary>Expected false matches a target rate must leave room for before its threshold is trusted.</summary>
    public const int MinExpectedFalseMatches = 10;

    private const double RoundingSlack = 1e-9;

    private readonly string _modelId;
    private readonly string[] _datasets;
    private readonly List<double> _genuine = [];
    private readonly List<double> _impostor = [];
    private readonly SortedDictionary<string, List<double>> _groups = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _failedByGroup = new(StringComparer.Ordinal);
    private int _failedGenuine;
    private int _failedImpostor;

    public ScoreCalibration(string modelId, IEnumerable<string> datasets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(datasets);
        _modelId = modelId;
        _datasets = [.. datasets];
    }

    /// <summary>
    /// The FMRs calibrated unless the caller asks for others: a 1-2-5 grid, because identification needs
    /// FMR = FPIR / N for every gallery size N and takes the nearest stricter row; with decades only, a gallery of
    /// 200 at FPIR 1e-2 (5e-5 per comparison) would have to use the 1e-5 row, five times stricter than needed.
    /// </summary>
    public static IReadOnlyList<double> DefaultTargetFmrs { get; } = [1e-2, 5e-3, 2e-3, 1e-3, 5e-4, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5];

    /// <summary>Adds the score of a genuine (same person) pair; NaN for a failed pair.</summary>
    public void AddGenuine(double score)
    {
        _genuine.Add(score);
        _failedGenuine += double.IsFinite(score) ? 0 : 1;
    }

    /// <summary>Adds the score of an impostor pair, with the demographic group both images belong to if known
    /// (e.g. <c>race=Black|gender=female</c>); NaN for a failed pair.</summary>
    public void AddImpostor(double score, string? group = null)
    {
        if (group is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(group);
            if (!_groups.TryGetValue(group, out var list))
            {
                _groups[group] = list = [];
                _failedByGroup[group] = 0;
            }

            list.Add(score);
            _failedByGroup[group] += double.IsFinite(score) ? 0 : 1;
        }

        _impostor.Add(score);
        _failedImpostor += double.IsFinite(score) ? 0 : 1;
    }

    /// <summary>Computes thresholds for each target FMR (default 1e-2 … 1e-5) and the score histograms.</summary>
    public CalibrationFile Build(DateTimeOffset createdAt, IReadOnlyList<double>? targetFmrs = null)
    {
        var targets = (targetFmrs ?? DefaultTargetFmrs).Distinct().ToArray();
        foreach (double r in targets)
        {
            if (!(r > 0 && r < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(targetFmrs), r, "Target false-match rates lie in (0, 1).");
            }
        }

        Array.Sort(targets, (a, b) => b.CompareTo(a));
        double[] genuine = SortedDescending(_genuine);
        double[] overall = SortedDescending(_impostor);
        var groups = _groups.ToDictionary(g => g.Key, g => SortedDescending(g.Value), StringComparer.Ordinal);

        var rows = targets.Select(r => Row(r, genuine, _genuine.Count, overall, groups)).ToList();
        var histograms = new CalibrationHistograms(
            ScoreHistogram.Of(_genuine),
            ScoreHistogram.Of(_impostor),
            _groups.ToDictionary(g => g.Key, g => ScoreHistogram.Of(g.Value), StringComparer.Ordinal));

        return new CalibrationFile
        {
            FormatVersion = CalibrationFile.CurrentFormatVersion,
            ModelId = _modelId,
            Datasets = _datasets,
            CreatedAt = createdAt,
            MinExpectedFalseMatches = MinExpectedFalseMatches,
            Genuine = new PairCounts(_genuine.Count, _failedGenuine),
            Impostor = new PairCounts(_impostor.Count, _failedImpostor),
            ImpostorByGroup = _groups.ToDictionary(
                g => g.Key, g => new PairCounts(g.Value.Count, _failedByGroup[g.Key]), StringComparer.Ordinal),
            Thresholds = rows,
            Histograms = histograms,
        };
    }

    private static CalibrationRow Row(
        double target, double[] genuine, int genuineTotal, double[] overall, Dictionary<string, double[]> groups)
    {
        double? overallThreshold = ThresholdAt(overall, target);
        OperatingPoint? overallPoint = overallThreshold is { } t
            ? new OperatingPoint(t, Fmr(overall, t), Fnmr(genuine, genuineTotal, t))
            : null;

        var points = new List<OperatingPoint>();
        var notEstimable = new List<string>();
        foreach (var (name, scores) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (ThresholdAt(scores, target) is { } gt)
            {
                points.Add(new OperatingPoint(gt, Fmr(scores, gt), Fnmr(genuine, genuineTotal, gt), name));
            }
            else
            {
                notEstimable.Add(name);
            }
        }

        OperatingPoint? worst = null;
        if (overallPoint is not null && notEstimable.Count == 0)
        {
            // The highest threshold wins; among equals the first group by name, and the overall point only when
            // no group reaches its threshold.
            OperatingPoint top = overallPoint;
            foreach (var p in points)
            {
                if (p.Threshold >= top.Threshold && (top.Group is null || p.Threshold > top.Threshold))
                {
                    top = p;
                }
            }

            double worstFmr = groups.Values.Select(g => Fmr(g, top.Threshold)).Append(Fmr(overall, top.Threshold)).Max();
            worst = new OperatingPoint(top.Threshold, worstFmr, top.Fnmr, top.Group);
        }

        return new CalibrationRow(target, overallPoint, worst, points, notEstimable);
    }

    // The lowest threshold accepting at most ⌊r·n⌋ of the descending scores, or null when n·r is too small.
    private static double? ThresholdAt(double[] descending, double target)
    {
        // r·n is often an integer in decimal but not in binary (1e-3 · 10000); the slack absorbs only that rounding.
        double expected = target * descending.Length;
        if (expected < MinExpectedFalseMatches - RoundingSlack)
        {
            return null;
        }

        int allowed = (int)Math.Floor(expected + RoundingSlack);
        return Math.BitIncrement(descending[allowed]);
    }

    private static double Fmr(double[] descending, double threshold) =>
        (double)AcceptedCount(descending, threshold) / descending.Length;

    private static double? Fnmr(double[] descending, int total, double threshold) =>
        total == 0 ? null : (double)(total - AcceptedCount(descending, threshold)) / total;

    // Number of leading (highest) scores ≥ threshold, by binary search.
    private static int AcceptedCount(double[] descending, double threshold)
    {
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (descending[mid] >= threshold)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static double[] SortedDescending(List<double> scores)
    {
        double[] finite = [.. scores.Where(double.IsFinite)];
        Array.Sort(finite, (a, b) => b.CompareTo(a));
        return finite;
    }
}
