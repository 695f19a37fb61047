namespace FaceAccord.Storage;

/// <summary>A consent as the service hands it to the store, already validated (purposes, notice hash, signing method).</summary>
public sealed record NewConsent(
    Guid TenantId,
    string SubjectExternalId,
    IReadOnlyList<string> Purposes,
    string NoticeVersion,
    string NoticeSha256,
    string SignatureMethod,
    string EvidenceReference,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt);
