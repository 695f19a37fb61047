namespace FaceAccord.Evaluation.Datasets;

/// <summary>
/// Groups images that are copies of one photograph (re-encoded, re-cropped, recoloured, relabelled) by a
/// face-model-independent signal, so a data set without identities does not count one photo as several people:
/// such "impostor" pairs would otherwise set the false-match tail that thresholds are calibrated on.
/// </summary>
/// <remarks>
/// Every pair is screened with <see cref="PhotoFingerprint.CoarseSimilarity"/> ≥ <see cref="CoarseScreen"/> and
/// linked when <see cref="PhotoFingerprint.Similarity"/> ≥ the threshold; links are closed transitively
/// (union-find). The defaults come from the distribution of the fine similarity over all 18 million pairs of the
/// 6,000 UTKFace development images (docs/fairness.md): a bulk of different photographs whose tail fades out by
/// 0.96, and a mode of copies of one photograph at 0.99–1.0, with 6 pairs between 0.96 and 0.99;
/// <see cref="DefaultThreshold"/> sits in that valley. Every pair at or above 0.97 there had a coarse
/// similarity ≥ 0.94, hence the screen at 0.90.
/// </remarks>
public static class NearDuplicatePhotos
{
    /// <summary>Fine similarity at or above which two images count as one photograph.</summary>
    public const float DefaultThreshold = 0.97f;

    /// <summary>Coarse similarity below which a pair is not compared finely.</summary>
    public const float CoarseScreen = 0.90f;

    /// <summary>One link: items <paramref name="A"/> &lt; <paramref name="B"/> and their fine similarity.</summary>
    public sealed record Link(int A, int B, float Similarity);

    /// <summary>The clusters found: <paramref name="ClusterOf"/>[i] is the smallest index in item i's cluster.</summary>
    /// <param name="ClusterOf">Cluster of each item, named by its smallest member.</param>
    /// <param name="Links">Pairs at or above the threshold, ordered by (A, B).</param>
    public sealed record Grouping(IReadOnlyList<int> ClusterOf, IReadOnlyList<Link> Links)
    {
        /// <summary>Clusters with more than one member.</summary>
        public int MergedClusters => ClusterOf.GroupBy(c => c).Count(g => g.Count() > 1);

        /// <summary>Items in clusters with more than one member.</summary>
        public int MergedItems => ClusterOf.GroupBy(c => c).Where(g => g.Count() > 1).Sum(g => g.Count());

        /// <summary>Members of the largest cluster.</summary>
        public int LargestCluster => ClusterOf.Count == 0 ? 0 : ClusterOf.GroupBy(c => c).Max(g => g.Count());
    }

    /// <summary>Links every pair at or above <paramref name="threshold"/> and closes the links into clusters.</summary>
    public static Grouping Group(IReadOnlyList<PhotoFingerprint> fingerprints, float threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        if (!(threshold is > 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1].");
        }

        int n = fingerprints.Count;
        float screen = Math.Min(CoarseScreen, threshold);
        var found = new List<Link>[n];
        Parallel.For(0, n, i =>
        {
            var mine = new List<Link>();
            for (int j = i + 1; j < n; j++)
            {
                if (PhotoFingerprint.CoarseSimilarity(fingerprints[i], fingerprints[j]) >= screen)
                {
                    float s = PhotoFingerprint.Similarity(fingerprints[i], fingerprints[j]);
                    if (s >= threshold)
                    {
                        mine.Add(new Link(i, j, s));
                    }
                }
            }

            found[i] = mine;
        });

        var links = found.SelectMany(l => l).ToList();
        var sets = new DisjointSets(n);
        foreach (var link in links)
        {
            sets.Union(link.A, link.B);
        }

        return new Grouping([.. Enumerable.Range(0, n).Select(sets.Find)], links);
    }
}
