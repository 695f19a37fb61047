namespace FaceAccord.Core;

/// <summary>A person in a gallery; <see cref="Key"/> is the compact id the search index uses; <see cref="ExpiresAt"/> null: no retention limit.</summary>
public sealed record Subject(Guid Id, long Key, Guid GalleryId, string ExternalId, LegalBasis? LegalBasis, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt = null);
