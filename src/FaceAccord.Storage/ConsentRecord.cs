namespace FaceAccord.Storage;

/// <summary>
/// A person's recorded consent, as the store keeps it: whom it is from (the tenant's own reference for them), what
/// it covers, what they were told and how they signed, and whether it still holds. Enrolments on the legal basis
/// <c>consent</c> name it by <see cref="Id"/>.
/// </summary>
public sealed record ConsentRecord(
    Guid Id,
    Guid TenantId,
    string SubjectExternalId,
    IReadOnlyList<string> Purposes,
    string NoticeVersion,
    string NoticeSha256,
    string SignatureMethod,
    string EvidenceReference,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    DateTimeOffset RecordedAt)
{
    /// <summary>Where the consent stands at <paramref name="at"/>: withdrawn first, then expired (its end is exclusive),
    /// then not yet granted, else active. The one place these rules live.</summary>
    public ConsentStatus StatusAt(DateTimeOffset at) =>
        WithdrawnAt is not null ? ConsentStatus.Withdrawn
        : ExpiresAt is { } end && at >= end ? ConsentStatus.Expired
        : GrantedAt > at ? ConsentStatus.NotYetGranted
        : ConsentStatus.Active;

    /// <summary>The consent may be relied on at <paramref name="at"/>: not withdrawn, not expired, already granted.</summary>
    public bool HoldsAt(DateTimeOffset at) => StatusAt(at) == ConsentStatus.Active;
}

/// <summary>Where a consent stands at a given time.</summary>
public enum ConsentStatus
{
    Active,
    Withdrawn,
    Expired,
    NotYetGranted,
}
