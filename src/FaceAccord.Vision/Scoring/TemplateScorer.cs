using System.Numerics.Tensors;
using FaceAccord.Core;

namespace FaceAccord.Vision.Scoring;

/// <summary>Where a template sits among the cohort: the mean and spread of its closest cohort similarities.</summary>
public readonly record struct ScoreStatistics(float Mean, float Deviation)
{
    /// <summary>The statistics under which a normalised score equals the cosine.</summary>
    public static ScoreStatistics Identity { get; } = new(0f, 1f);
}

/// <summary>
/// How two templates are scored, the one rule that verification, identification, the testing API, evaluation and
/// calibration share, so a threshold means the same everywhere: plain cosine, or cosine with adaptive S-norm against
/// a cohort of reference vectors (docs/pipeline.md).
/// </summary>
/// <remarks>
/// Adaptive S-norm: with μ and σ the mean and standard deviation of a template's <see cref="TopK"/> highest cosine
/// similarities to the cohort, a pair's score is ½((s − μa)/σa + (s − μb)/σb). Templates in a crowded region of the
/// embedding space (where different people look alike to the model, as within some demographic groups) have a high
/// μ, so their scores are lowered; no demographic label is used. The cohort holds centroids of development templates,
/// never one person's template.
/// </remarks>
public sealed class TemplateScorer
{
    private readonly float[]? _cohort;

    private TemplateScorer(float[]? cohort, int dimensions, int topK)
    {
        _cohort = cohort;
        Dimensions = dimensions;
        TopK = topK;
    }

    /// <summary>Cosine similarity, nothing else.</summary>
    public static TemplateScorer Cosine { get; } = new(null, 0, 0);

    /// <summary>Adaptive S-norm against <paramref name="cohort"/> (row-major, unit rows of <paramref name="dimensions"/>).</summary>
    public static TemplateScorer AdaptiveSNorm(float[] cohort, int dimensions, int topK)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (cohort.Length == 0 || cohort.Length % dimensions != 0)
        {
            throw new ArgumentException($"A cohort holds whole vectors of {dimensions} values.", nameof(cohort));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topK, cohort.Length / dimensions);
        return new TemplateScorer(cohort, dimensions, topK);
    }

    /// <summary>True when scores are normalised (not cosine), so they are not bounded by [-1, 1].</summary>
    public bool IsNormalized => _cohort is not null;

    /// <summary>"cosine" or "adaptive-s-norm".</summary>
    public string Method => IsNormalized ? "adaptive-s-norm" : "cosine";

    public int Dimensions { get; }

    /// <summary>How many of the closest cohort vectors describe a template's neighbourhood.</summary>
    public int TopK { get; }

    public int CohortSize => _cohort is null ? 0 : _cohort.Length / Dimensions;

    /// <summary>The template's neighbourhood statistics; <see cref="ScoreStatistics.Identity"/> for cosine.</summary>
    public ScoreStatistics StatisticsOf(ReadOnlySpan<float> vector)
    {
        if (_cohort is null)
        {
            return ScoreStatistics.Identity;
        }

        if (vector.Length != Dimensions)
        {
            throw FaceAccordException.BadInput("template-model-mismatch", $"A template of {vector.Length} dimensions cannot be scored against a cohort of {Dimensions}.");
        }

        var similarities = new float[CohortSize];
        for (int i = 0; i < similarities.Length; i++)
        {
            similarities[i] = TensorPrimitives.Dot(vector, _cohort.AsSpan(i * Dimensions, Dimensions));
        }

        return StatisticsOfSimilarities(similarities, TopK);
    }

    /// <summary>Mean and deviation of the <paramref name="topK"/> largest of <paramref name="similarities"/> (reordered in place).</summary>
    public static ScoreStatistics StatisticsOfSimilarities(Span<float> similarities, int topK)
    {
        // Partial order is enough, but the cohort is small; a descending sort keeps this obviously right.
        similarities.Sort((x, y) => y.CompareTo(x));
        var top = similarities[..topK];
        float mean = TensorPrimitives.Sum(top) / topK;
        double variance = 0;
        foreach (float s in top)
        {
            variance += (s - mean) * (s - mean);
        }

        // A floor keeps a degenerate neighbourhood (all equal) from dividing by zero.
        float deviation = (float)Math.Max(Math.Sqrt(variance / topK), 1e-4);
        return new ScoreStatistics(mean, deviation);
    }

    /// <summary>The score of a pair from its cosine and the two templates' statistics.</summary>
    public double Score(double cosine, ScoreStatistics a, ScoreStatistics b) =>
        _cohort is null ? cosine : 0.5 * (((cosine - a.Mean) / a.Deviation) + ((cosine - b.Mean) / b.Deviation));

    /// <summary>The score of two templates of the same model.</summary>
    public double Score(FaceTemplate a, FaceTemplate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double cosine = a.Similarity(b);
        return _cohort is null ? cosine : Score(cosine, StatisticsOf(a.Vector), StatisticsOf(b.Vector));
    }
}
