using FaceAccord.Evaluation.Reports;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Evaluation.Tests.Reports;

public sealed class ScoreAxisTests
{
    [Fact]
    public void A_normalised_score_is_not_labelled_a_cosine()
    {
        var normalised = TemplateScorer.AdaptiveSNorm([1f, 0f, 0f, 1f, 0.6f, 0.8f], dimensions: 2, topK: 2);
        Assert.Equal("cosine similarity", ScoreAxis.Label(TemplateScorer.Cosine.Method));
        Assert.DoesNotContain("similarity", ScoreAxis.Label(normalised.Method), StringComparison.Ordinal);
        Assert.Contains("S-norm", ScoreAxis.Label(normalised.Method), StringComparison.Ordinal);
    }
}
