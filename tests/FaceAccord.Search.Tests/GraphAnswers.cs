namespace FaceAccord.Search.Tests;

/// <summary>
/// What a graph search guarantees whatever its build: every face it reports is live, of its own subject, with the
/// reference's exact score, one per subject, best first. Only a face the graph missed can differ from the exact
/// scan, so that part is measured as recall over many queries and held to a bar with a wide margin.
/// </summary>
internal static class GraphAnswers
{
    /// <summary>Asserts the guarantees for one answer; returns whether its top subject is the reference's.</summary>
    public static bool CheckAndCompareTop(ReferenceGallery model, float[] query, IReadOnlyList<SubjectHit> hits, int top, float minSimilarity)
    {
        Assert.InRange(hits.Count, 0, top);
        Assert.Equal(hits.Count, hits.Select(h => h.SubjectKey).Distinct().Count());
        for (int i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            Assert.True(model.FaceKeys.Contains(hit.FaceKey), $"face {hit.FaceKey} is not in the gallery");
            Assert.Equal(model.SubjectOf(hit.FaceKey), hit.SubjectKey);
            Assert.Equal(model.ScoreOf(query, hit.FaceKey), hit.Similarity);
            Assert.True(hit.Similarity >= minSimilarity);
            Assert.True(i == 0 || hits[i - 1].Similarity >= hit.Similarity, "hits out of order");
        }

        var expected = model.Search(query, top, minSimilarity);
        return expected.Count == 0 ? hits.Count == 0 : hits.Count > 0 && hits[0].SubjectKey == expected[0].SubjectKey;
    }
}
