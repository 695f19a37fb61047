using System.Numerics.Tensors;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Evaluation.Calibration;

/// <summary>
/// Builds the adaptive S-norm cohort from development templates: spherical k-means (seeded, so a rerun gives the
/// same cohort) with one centroid per <c>compression</c> templates; clusters smaller than <c>minMembers</c> are
/// dropped, so no cohort vector is a single photo's template. Also gives each development template its statistics
/// with that template left out of its own centroid, so calibration scores are not flattered by the template having
/// shaped the cohort it is normalised against.
/// </summary>
public sealed class ScoreCohortBuilder
{
    private const int Iterations = 20;
    private const int Seed = 20261204;

    private ScoreCohortBuilder(float[] centroids, int dimensions, int[] assignment, float[][] sums, int[] members, int[] kept)
    {
        Centroids = centroids;
        Dimensions = dimensions;
        _assignment = assignment;
        _sums = sums;
        _members = members;
        _kept = kept;
    }

    private readonly int[] _assignment;
    private readonly float[][] _sums;
    private readonly int[] _members;
    private readonly int[] _kept;

    /// <summary>Kept centroids, unit rows.</summary>
    public float[] Centroids { get; }

    public int Dimensions { get; }

    public int Count => Centroids.Length / Dimensions;

    public static ScoreCohortBuilder Build(IReadOnlyList<float[]> templates, int compression, int minMembers, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentOutOfRangeException.ThrowIfLessThan(compression, 1);
        int n = templates.Count;
        int d = templates[0].Length;
        int m = Math.Max(1, n / compression);
        var rng = new Random(Seed);
        var centroids = new float[m][];
        foreach (var (slot, index) in Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(m).Select((index, slot) => (slot, index)))
        {
            centroids[slot] = (float[])templates[index].Clone();
        }

        var assignment = new int[n];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            Parallel.For(0, n, i =>
            {
                int best = 0;
                float bestScore = float.NegativeInfinity;
                for (int c = 0; c < m; c++)
                {
                    float s = TensorPrimitives.Dot(templates[i], centroids[c]);
                    if (s > bestScore)
                    {
                        (best, bestScore) = (c, s);
                    }
                }

                assignment[i] = best;
            });
            var (sums, counts) = Sums(templates, assignment, m, d);
            for (int c = 0; c < m; c++)
            {
                if (counts[c] > 0)
                {
                    centroids[c] = Unit(sums[c]);
                }
            }

            progress?.Invoke(iteration + 1, Iterations);
        }

        var (finalSums, members) = Sums(templates, assignment, m, d);
        int[] kept = [.. Enumerable.Range(0, m).Where(c => members[c] >= minMembers)];
        var flat = new float[kept.Length * d];
        for (int k = 0; k < kept.Length; k++)
        {
            Unit(finalSums[kept[k]]).CopyTo(flat.AsSpan(k * d));
        }

        return new ScoreCohortBuilder(flat, d, assignment, finalSums, members, kept);
    }

    /// <summary>Statistics of development template <paramref name="index"/> with itself taken out of its centroid.</summary>
    public ScoreStatistics LeaveOneOutStatistics(int index, float[] template, int topK)
    {
        var similarities = new float[Count];
        int own = _assignment[index];
        for (int k = 0; k < _kept.Length; k++)
        {
            if (_kept[k] == own)
            {
                var rest = (float[])_sums[own].Clone();
                TensorPrimitives.Subtract(rest, template, rest);
                similarities[k] = _members[own] > 1 ? TensorPrimitives.Dot(template, Unit(rest)) : float.NegativeInfinity;
            }
            else
            {
                similarities[k] = TensorPrimitives.Dot(template, Centroids.AsSpan(k * Dimensions, Dimensions));
            }
        }

        return TemplateScorer.StatisticsOfSimilarities(similarities, topK);
    }

    private static (float[][] Sums, int[] Counts) Sums(IReadOnlyList<float[]> templates, int[] assignment, int m, int d)
    {
        var sums = new float[m][];
        var counts = new int[m];
        for (int c = 0; c < m; c++)
        {
            sums[c] = new float[d];
        }

        for (int i = 0; i < templates.Count; i++)
        {
            TensorPrimitives.Add(sums[assignment[i]], templates[i], sums[assignment[i]]);
            counts[assignment[i]]++;
        }

        return (sums, counts);
    }

    private static float[] Unit(float[] v)
    {
        float norm = TensorPrimitives.Norm(v);
        var u = new float[v.Length];
        TensorPrimitives.Divide(v, norm > 0 ? norm : 1f, u);
        return u;
    }
}
