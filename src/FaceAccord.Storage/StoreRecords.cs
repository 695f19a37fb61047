namespace FaceAccord.Storage;

/// <summary>What a tenant's profile says about it; the governance layer judges requests against it.</summary>
public sealed record TenantProfile(string Name, string Sector, string Country, string? Region, string? City, bool PlaceOfPublicAccommodation = false);

/// <summary>An organisation using the service; all its data is scoped to its id.</summary>
public sealed record Tenant(Guid Id, TenantProfile Profile, DateTimeOffset CreatedAt);

/// <summary>An API key as stored: only a salted hash of its secret, never the secret itself; <see cref="Role"/> is one of <see cref="ApiKeyRoles"/>.</summary>
public sealed record ApiKeyRecord(string KeyId, Guid TenantId, byte[] Salt, byte[] SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string Role = ApiKeyRoles.Operator);

/// <summary>A named set of enrolled subjects, bound to one template space (model id); <see cref="RetentionDays"/> null keeps subjects without limit.</summary>
public sealed record Gallery(Guid Id, Guid TenantId, string Name, string ModelId, bool StoresImages, DateTimeOffset CreatedAt, int? RetentionDays = null);

/// <summary>Why a subject may be enrolled (consent, warrant, ...), as the caller stated it.</summary>
public sealed record LegalBasis(string Type, string? Reference);

/// <summary>A person in a gallery; <see cref="Key"/> is the compact id the search index uses; <see cref="ExpiresAt"/> null: no retention limit.</summary>
public sealed record Subject(Guid Id, long Key, Guid GalleryId, string ExternalId, LegalBasis? LegalBasis, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt = null);

/// <summary>What enrolment hands the store for one face; the model id must be the gallery's.</summary>
public sealed record NewFace(string ModelId, float[] Template, string QualityJson, byte[]? Image, string? ImageContentType);

/// <summary>A stored face: its template (as stored, float16 precision) and the index key.</summary>
public sealed record StoredFace(Guid Id, long Key, Guid SubjectId, long SubjectKey, float[] Template, string QualityJson, DateTimeOffset CreatedAt);

/// <summary>One API or CLI request as received: who, what, and the purpose they declared.</summary>
public sealed record RequestRecord(DateTimeOffset At, Guid? TenantId, string? KeyId, string Operation, string? Purpose, Guid? GalleryId, int Status);
