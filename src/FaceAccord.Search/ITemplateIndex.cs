namespace FaceAccord.Search;

/// <summary>
/// A gallery's in-memory search structure over unit-length templates. Each entry is one face
/// (<c>faceKey</c>) belonging to one subject (<c>subjectKey</c>); a search ranks subjects by the best
/// score among their faces. Safe for concurrent searches alongside writes.
/// </summary>
public interface ITemplateIndex : IDisposable
{
    int Dimensions { get; }

    /// <summary>Number of faces held.</summary>
    int Count { get; }

    /// <summary>Number of distinct subjects held.</summary>
    int SubjectCount { get; }

    /// <summary>Bytes the index holds for its templates and structure (not counting the process).</summary>
    long MemoryBytes { get; }

    /// <summary>Adds a face; the vector is unit-length with <see cref="Dimensions"/> entries. A key already present is replaced.</summary>
    void Add(long faceKey, long subjectKey, ReadOnlySpan<float> vector);

    /// <summary>Forgets a face at once; false when it was not there.</summary>
    bool Remove(long faceKey);

    /// <summary>Forgets every face of a subject at once; returns how many were removed.</summary>
    int RemoveSubject(long subjectKey);

    /// <summary>
    /// The best <paramref name="top"/> subjects whose best face scores at least <paramref name="minSimilarity"/>,
    /// best first (cosine similarity of the query with the stored, possibly quantised, template).
    /// </summary>
    IReadOnlyList<SubjectHit> Search(ReadOnlySpan<float> query, int top, float minSimilarity);
}

/// <summary>One ranked subject of a search, with the face that scored best.</summary>
public readonly record struct SubjectHit(long SubjectKey, long FaceKey, float Similarity);
