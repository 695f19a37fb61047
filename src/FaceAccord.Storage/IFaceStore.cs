namespace FaceAccord.Storage;

/// <summary>Faces: templates bound to their gallery's model, and images where the gallery keeps them.</summary>
public interface IFaceStore
{
    /// <summary>Stores a face of the subject; the image only when the gallery stores images.</summary>
    StoredFace AddFace(Guid galleryId, Guid subjectId, NewFace face);

    IReadOnlyList<StoredFace> ListFaces(Guid galleryId, Guid subjectId);

    bool DeleteFace(Guid galleryId, Guid subjectId, Guid faceId);

    /// <summary>Streams every face of a gallery, for building its index.</summary>
    IEnumerable<StoredFace> ReadGalleryFaces(Guid galleryId);

    /// <summary>The stored image of a face, or null when none was kept.</summary>
    (byte[] Bytes, string ContentType)? FindFaceImage(Guid galleryId, Guid faceId);
}
