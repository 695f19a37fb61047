namespace FaceAccord.Storage;

/// <summary>
/// Everything the service keeps, behind one interface so that the embedded SQLite store and a
/// PostgreSQL + pgvector store are interchangeable. Every method is one transaction: it happens
/// whole or not at all. Reads scoped by tenant return null for another tenant's ids, so callers
/// answer "not found" without learning that the id exists.
/// </summary>
public interface IFaceStore : IDisposable
{
    Tenant CreateTenant(TenantProfile profile);

    Tenant? FindTenant(Guid tenantId);

    IReadOnlyList<Tenant> ListTenants();

    void AddApiKey(ApiKeyRecord key);

    ApiKeyRecord? FindApiKey(string keyId);

    /// <summary>The tenant's keys, revoked ones included, oldest first.</summary>
    IReadOnlyList<ApiKeyRecord> ListApiKeys(Guid tenantId);

    /// <summary>
    /// Revokes the tenant's key at <paramref name="at"/> and returns it; a key revoked before keeps its first revocation
    /// time. Null when the tenant has no such key.
    /// </summary>
    ApiKeyRecord? RevokeApiKey(Guid tenantId, string keyId, DateTimeOffset at);

    /// <summary>Refuses <paramref name="retentionDays"/> outside 1..36500 (<c>retention-days-invalid</c>); null keeps subjects without limit.</summary>
    Gallery CreateGallery(Guid tenantId, string name, string modelId, bool storesImages, int? retentionDays = null);

    Gallery? FindGallery(Guid tenantId, Guid galleryId);

    Gallery? FindGalleryByName(Guid tenantId, string name);

    IReadOnlyList<Gallery> ListGalleries(Guid tenantId);

    /// <summary>All galleries of all tenants, for loading the search indexes at start.</summary>
    IReadOnlyList<Gallery> ListAllGalleries();

    /// <summary>Removes the gallery with its subjects, faces and images; false when it does not exist.</summary>
    bool DeleteGallery(Guid tenantId, Guid galleryId);

    /// <summary>Refuses (FaceAccordException, code <c>subject-exists</c>) a second subject with the same external id.</summary>
    Subject CreateSubject(Guid galleryId, string externalId, LegalBasis? legalBasis);

    Subject? FindSubject(Guid galleryId, Guid subjectId);

    Subject? FindSubjectByExternalId(Guid galleryId, string externalId);

    IReadOnlyList<Subject> ListSubjects(Guid galleryId);

    int CountSubjects(Guid galleryId);

    /// <summary>Faces stored in the gallery (expired ones the retention sweep has not removed yet included).</summary>
    int CountFaces(Guid galleryId);

    /// <summary>Removes the subject with its faces and images; false when it does not exist.</summary>
    bool DeleteSubject(Guid galleryId, Guid subjectId);

    /// <summary>Stores a face of the subject; the image only when the gallery stores images.</summary>
    StoredFace AddFace(Guid galleryId, Guid subjectId, NewFace face);

    IReadOnlyList<StoredFace> ListFaces(Guid galleryId, Guid subjectId);

    bool DeleteFace(Guid galleryId, Guid subjectId, Guid faceId);

    /// <summary>Streams every face of a gallery, for building its index.</summary>
    IEnumerable<StoredFace> ReadGalleryFaces(Guid galleryId);

    /// <summary>The stored image of a face, or null when none was kept.</summary>
    (byte[] Bytes, string ContentType)? FindFaceImage(Guid galleryId, Guid faceId);

    void RecordRequest(RequestRecord request);

    IReadOnlyList<RequestRecord> ListRequests(Guid tenantId, int limit);
}
