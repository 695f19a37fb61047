using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>
/// The storage half of consent records. Reads are scoped by tenant: another tenant's consent id is answered as
/// unknown. Withdrawal is a single conditional update, so two withdrawals at once cannot both succeed.
/// </summary>
public interface IConsentStore
{
    /// <summary>Stores a new consent; <c>tenant-not-found</c> when the tenant does not exist.</summary>
    ConsentRecord CreateConsent(NewConsent consent);

    /// <summary>The consent, or null when it does not exist or belongs to another tenant.</summary>
    ConsentRecord? FindConsent(Guid tenantId, Guid consentId);

    /// <summary>Every consent of the tenant from the person with this external id, oldest first (withdrawn ones too).</summary>
    IReadOnlyList<ConsentRecord> ListConsents(Guid tenantId, string subjectExternalId);

    /// <summary>
    /// Marks the consent withdrawn at <paramref name="at"/>. Throws FaceAccordException <c>consent-not-found</c>
    /// (unknown or another tenant's) or <c>consent-withdrawn</c> (withdrawn before).
    /// </summary>
    ConsentRecord WithdrawConsent(Guid tenantId, Guid consentId, string? reason, DateTimeOffset at);

    /// <summary>Subjects in the tenant's galleries enrolled on the legal basis <c>consent</c> with this consent's id as reference.</summary>
    IReadOnlyList<Subject> ListSubjectsUnderConsent(Guid tenantId, Guid consentId);
}
