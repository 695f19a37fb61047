using FaceAccord.Core;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Vision.Tests.Scoring;

public sealed class TemplateScorerTests
{
    private static float[] Unit(params float[] v)
    {
        float n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }

    // Cohort: four vectors crowded around the x axis, one on y, one on z.
    private static readonly float[] Cohort =
    [
        .. Unit(1, 0.1f, 0), .. Unit(1, -0.1f, 0), .. Unit(1, 0, 0.1f), .. Unit(1, 0, -0.1f), .. Unit(0, 1, 0), .. Unit(0, 0, 1),
    ];

    [Fact]
    public void Cosine_scores_are_the_cosine()
    {
        var a = new FaceTemplate("m", Unit(1, 0, 0));
        var b = new FaceTemplate("m", Unit(1, 1, 0));
        Assert.False(TemplateScorer.Cosine.IsNormalized);
        Assert.Equal(a.Similarity(b), TemplateScorer.Cosine.Score(a, b), 6);
        Assert.Equal(ScoreStatistics.Identity, TemplateScorer.Cosine.StatisticsOf(a.Vector));
    }

    [Fact]
    public void A_pair_in_a_crowded_region_scores_lower_than_an_equally_similar_pair_in_a_sparse_one()
    {
        var scorer = TemplateScorer.AdaptiveSNorm(Cohort, 3, 2);
        // Both pairs have the same cosine (their angle is the same), one near the crowded x axis, one near y.
        var crowdedA = new FaceTemplate("m", Unit(1, 0.05f, 0.05f));
        var crowdedB = new FaceTemplate("m", Unit(1, -0.05f, 0.25f));
        var sparseA = new FaceTemplate("m", Unit(0.05f, 1, 0.05f));
        var sparseB = new FaceTemplate("m", Unit(-0.05f, 1, 0.25f));
        Assert.Equal(crowdedA.Similarity(crowdedB), sparseA.Similarity(sparseB), 5);
        Assert.True(scorer.Score(crowdedA, crowdedB) < scorer.Score(sparseA, sparseB));
    }

    [Fact]
    public void The_score_follows_the_adaptive_s_norm_formula()
    {
        var scorer = TemplateScorer.AdaptiveSNorm(Cohort, 3, 3);
        var a = new FaceTemplate("m", Unit(1, 0.2f, 0.1f));
        var b = new FaceTemplate("m", Unit(0.3f, 1, 0.2f));
        var sa = scorer.StatisticsOf(a.Vector);
        var sb = scorer.StatisticsOf(b.Vector);
        double s = a.Similarity(b);
        double expected = 0.5 * (((s - sa.Mean) / sa.Deviation) + ((s - sb.Mean) / sb.Deviation));
        Assert.Equal(expected, scorer.Score(a, b), 5);
        Assert.Equal(scorer.Score(a, b), scorer.Score(b, a), 9);
    }

    [Fact]
    public void A_cohort_of_another_dimension_or_a_broken_one_is_refused()
    {
        var scorer = TemplateScorer.AdaptiveSNorm(Cohort, 3, 2);
        var e = Assert.Throws<FaceAccordException>(() => scorer.StatisticsOf(new float[4]));
        Assert.Equal("template-model-mismatch", e.Code);
        Assert.Throws<ArgumentException>(() => TemplateScorer.AdaptiveSNorm(new float[5], 3, 1 + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemplateScorer.AdaptiveSNorm(Cohort, 3, 7));
    }
}
