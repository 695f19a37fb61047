using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>
/// An API key as stored: only a salted hash of its secret, never the secret itself. <see cref="ExpiresAt"/> null: it
/// does not expire; <see cref="ReplacedBy"/>: the key a rotation issued in its place.
/// </summary>
public sealed record ApiKeyRecord(
    string KeyId, Guid TenantId, byte[] Salt, byte[] SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, KeyRole Role = KeyRole.Operator,
    DateTimeOffset? ExpiresAt = null, string? ReplacedBy = null)
{
    /// <summary>Whether the key authenticates nothing at <paramref name="now"/>: revoked, or past its expiry.</summary>
    public bool IsSpentAt(DateTimeOffset now) => RevokedAt is not null || (ExpiresAt is { } expires && expires <= now);
}

/// <summary>What enrolment hands the store for one face; the model id must be the gallery's.</summary>
public sealed record NewFace(string ModelId, float[] Template, string QualityJson, byte[]? Image, string? ImageContentType);

/// <summary>A stored face: its template (as stored, float16 precision) and the index key.</summary>
public sealed record StoredFace(Guid Id, long Key, Guid SubjectId, long SubjectKey, float[] Template, string QualityJson, DateTimeOffset CreatedAt);
