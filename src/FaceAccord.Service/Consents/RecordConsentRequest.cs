namespace FaceAccord.Service.Consents;

/// <summary>
/// Body of <c>POST /v1/consents</c> and input of <c>faceaccord consents add</c>: the person as the tenant knows them,
/// the purposes they agreed to, the notice they were given (version plus its text or the text's SHA-256), how they
/// signed and where the signed release is kept. <c>grantedAt</c> defaults to now.
/// </summary>
public sealed record RecordConsentRequest(
    string? SubjectExternalId,
    IReadOnlyList<string>? Purposes,
    string? NoticeVersion,
    string? NoticeSha256,
    string? NoticeText,
    string? SignatureMethod,
    string? EvidenceReference,
    DateTimeOffset? GrantedAt = null,
    DateTimeOffset? ExpiresAt = null);
