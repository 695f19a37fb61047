using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>Galleries of a tenant; reads scoped by tenant return null for another tenant's ids.</summary>
public interface IGalleryStore
{
    /// <summary>Refuses <paramref name="retentionDays"/> outside 1..36500 (<c>retention-days-invalid</c>); null keeps subjects without limit.</summary>
    Gallery CreateGallery(Guid tenantId, string name, string modelId, bool storesImages, int? retentionDays = null);

    Gallery? FindGallery(Guid tenantId, Guid galleryId);

    Gallery? FindGalleryByName(Guid tenantId, string name);

    IReadOnlyList<Gallery> ListGalleries(Guid tenantId);

    /// <summary>All galleries of all tenants, for loading the search indexes at start.</summary>
    IReadOnlyList<Gallery> ListAllGalleries();

    /// <summary>Removes the gallery with its subjects, faces and images; false when it does not exist.</summary>
    bool DeleteGallery(Guid tenantId, Guid galleryId);

    int CountSubjects(Guid galleryId);

    /// <summary>Faces stored in the gallery (expired ones the retention sweep has not removed yet included).</summary>
    int CountFaces(Guid galleryId);
}
