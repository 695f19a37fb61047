namespace FaceAccord.Search.Tests;

/// <summary>
/// The obviously-correct model of a gallery: a dictionary of faces and a full sort. Indexes must give the same
/// subjects, faces and scores (scores from the same quantised arithmetic), with the same tie rules.
/// </summary>
internal sealed class ReferenceGallery
{
    private readonly Dictionary<long, (long Subject, float[] Vector)> _faces = [];

    public int Count => _faces.Count;

    public int SubjectCount => _faces.Values.Select(f => f.Subject).Distinct().Count();

    public IEnumerable<long> FaceKeys => _faces.Keys;

    public void Add(long face, long subject, float[] vector) => _faces[face] = (subject, vector);

    public bool Remove(long face) => _faces.Remove(face);

    public int RemoveSubject(long subject)
    {
        var keys = _faces.Where(f => f.Value.Subject == subject).Select(f => f.Key).ToList();
        keys.ForEach(k => _faces.Remove(k));
        return keys.Count;
    }

    public float[] VectorOf(long face) => _faces[face].Vector;

    public long SubjectOf(long face) => _faces[face].Subject;

    /// <summary>The score any index must report for <paramref name="face"/> whenever it reports that face at all.</summary>
    public float ScoreOf(float[] query, long face) => TestVectors.QuantizedScore(query, _faces[face].Vector);

    public List<SubjectHit> Search(float[] query, int top, float minSimilarity) =>
        [.. _faces
            .Select(f => new SubjectHit(f.Value.Subject, f.Key, TestVectors.QuantizedScore(query, f.Value.Vector)))
            .Where(h => h.Similarity >= minSimilarity)
            .GroupBy(h => h.SubjectKey)
            .Select(g => g.OrderByDescending(h => h.Similarity).ThenBy(h => h.FaceKey).First())
            .OrderByDescending(h => h.Similarity)
            .ThenBy(h => h.SubjectKey)
            .Take(top)];
}
