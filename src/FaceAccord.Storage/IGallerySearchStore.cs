using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>
/// A store that answers identification searches itself, so that every node sharing it sees every write the moment it
/// commits (PostgreSQL with pgvector). Only live subjects are counted and returned: one deleted, erased or expired at
/// <c>asOf</c> never is, whatever any node's memory holds. A store without it is searched through the in-process index.
/// </summary>
public interface IGallerySearchStore
{
    /// <summary>Subjects of the gallery with at least one face that have not expired at <paramref name="asOf"/>: the N of FPIR ≈ N · FMR.</summary>
    int CountSearchableSubjects(Guid galleryId, DateTimeOffset asOf);

    /// <summary>
    /// The best <paramref name="top"/> live subjects whose best face's cosine similarity with <paramref name="probe"/>
    /// (unit length) is at least <paramref name="minSimilarity"/>, best first, ties by the lower subject key.
    /// </summary>
    IReadOnlyList<GallerySearchHit> SearchGallery(Guid galleryId, ReadOnlySpan<float> probe, int top, float minSimilarity, DateTimeOffset asOf);
}

/// <summary>
/// One ranked subject of a store search: its best face's key, similarity and template (the stored float16 values), so
/// that the caller can re-score the hit under a normalised scorer exactly as it scores the in-process index's hits.
/// </summary>
public sealed record GallerySearchHit(Subject Subject, long FaceKey, float Similarity, float[] Template);
