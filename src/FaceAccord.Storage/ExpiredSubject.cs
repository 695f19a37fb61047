namespace FaceAccord.Storage;

/// <summary>A subject whose retention has run out, with the tenant and gallery the sweeper needs to delete and account for it.</summary>
public sealed record ExpiredSubject(Guid TenantId, Guid GalleryId, Guid SubjectId, long SubjectKey, DateTimeOffset ExpiresAt);
