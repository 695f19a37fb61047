using FaceAccord.Core;

namespace FaceAccord.Evaluation.Metrics;

/// <summary>
/// The empirical ROC curve of a scored pair set, for the threshold-free summaries (TAR at a FAR, EER)
/// that accuracy alone hides.
/// </summary>
/// <remarks>
/// Vertices run from "reject everything" to "accept everything", one per distinct finite score.
/// Failed pairs are errors at every threshold: a failed impostor pair is always a false match (so the
/// curve starts at FMR = failed impostors / impostors) and a failed genuine pair is never accepted
/// (so TAR ends below 1). Between vertices the curve is linear: a point on a segment is the rate
/// reached by choosing at random between the two neighbouring thresholds, so interpolated values are
/// achievable operating points rather than guesses.
/// </remarks>
public sealed class RocCurve
{
    private readonly RocPoint[] _points;

    private RocCurve(RocPoint[] points, int genuine, int impostor)
    {
        _points = points;
        GenuinePairs = genuine;
        ImpostorPairs = impostor;
    }

    /// <summary>Vertices in order of falling threshold (rising FMR and TAR).</summary>
    public IReadOnlyList<RocPoint> Points => _points;

    public int GenuinePairs { get; }

    public int ImpostorPairs { get; }

    /// <summary>Builds the curve; refuses a set without genuine or without impostor pairs.</summary>
    public static RocCurve From(ReadOnlySpan<ScoredPair> pairs)
    {
        var finite = new List<ScoredPair>(pairs.Length);
        int genuine = 0, impostor = 0, failedImpostor = 0;
        foreach (var p in pairs)
        {
            if (p.IsSame)
            {
                genuine++;
            }
            else
            {
                impostor++;
                failedImpostor += p.IsFailed ? 1 : 0;
            }

            if (!p.IsFailed)
            {
                finite.Add(p);
            }
        }

        if (genuine == 0 || impostor == 0)
        {
            throw FaceAccordException.BadInput(
                "scores-insufficient",
                $"A ROC curve needs both genuine and impostor pairs; got {genuine} genuine and {impostor} impostor pairs.");
        }

        finite.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var points = new List<RocPoint> { new(double.PositiveInfinity, (double)failedImpostor / impostor, 0) };
        int acceptedGenuine = 0, acceptedImpostor = failedImpostor;
        for (int i = 0; i < finite.Count;)
        {
            double score = finite[i].Score;
            for (; i < finite.Count && finite[i].Score == score; i++)
            {
                if (finite[i].IsSame)
                {
                    acceptedGenuine++;
                }
                else
                {
                    acceptedImpostor++;
                }
            }

            points.Add(new RocPoint(score, (double)acceptedImpostor / impostor, (double)acceptedGenuine / genuine));
        }

        return new RocCurve([.. points], genuine, impostor);
    }

    /// <summary>
    /// True-accept rate at false-accept rate <paramref name="far"/>, interpolated linearly on the curve;
    /// 0 when even rejecting everything exceeds <paramref name="far"/> (failed impostor pairs), and null
    /// when there are fewer than 1/<paramref name="far"/> impostor pairs, so that the rate asked for is
    /// finer than one false match and the figure would rest on a fraction of an observation.
    /// </summary>
    public double? TarAtFar(double far)
    {
        if (!(far > 0 && far <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(far), far, "A false-accept rate lies in (0, 1].");
        }

        // The tolerance only absorbs rounding such as 49 · (1/49) = 0.999…; it admits no real shortfall.
        if (ImpostorPairs * far < 1 - 1e-9)
        {
            return null;
        }

        int last = -1;
        for (int k = 0; k < _points.Length && _points[k].Fmr <= far; k++)
        {
            last = k;
        }

        if (last < 0)
        {
            return 0;
        }

        if (last == _points.Length - 1)
        {
            return _points[last].Tar;
        }

        RocPoint lo = _points[last], hi = _points[last + 1];
        return lo.Tar + ((hi.Tar - lo.Tar) * (far - lo.Fmr) / (hi.Fmr - lo.Fmr));
    }

    /// <summary>Equal error rate: where FMR = FNMR on the piecewise-linear curve.</summary>
    public double Eer
    {
        get
        {
            // d = FMR − FNMR never falls along the curve, starts ≤ 0 (FNMR = 1) and ends ≥ 0 (FMR = 1).
            double previous = Gap(_points[0]);
            if (previous >= 0)
            {
                return _points[0].Fmr;
            }

            for (int k = 1; k < _points.Length; k++)
            {
                double gap = Gap(_points[k]);
                if (gap >= 0)
                {
                    double alpha = -previous / (gap - previous);
                    return _points[k - 1].Fmr + (alpha * (_points[k].Fmr - _points[k - 1].Fmr));
                }

                previous = gap;
            }

            return _points[^1].Fmr;
        }
    }

    private static double Gap(RocPoint p) => p.Fmr - (1 - p.Tar);
}
