namespace FaceAccord.Service.Consents;

/// <summary>One subject removed by a withdrawal or a deletion request: where it was and how many faces went with it.</summary>
public sealed record ErasedSubject(Guid GalleryId, Guid SubjectId, int FacesDeleted);
