using FaceAccord.Core;
using FaceAccord.Storage;

namespace FaceAccord.Service.Consents;

/// <summary>
/// Whether an enrolment's legal basis <c>consent</c> rests on a real consent: its reference must name a recorded,
/// unwithdrawn, unexpired consent of the same tenant, given by the same person (subject external id), covering the
/// request's purpose. A declared reference alone proves nothing.
/// </summary>
public static class ConsentCheck
{
    /// <summary>Null when the consent holds; otherwise why not, in one sentence that names no other person.</summary>
    public static string? Problem(IConsentStore store, Guid tenantId, LegalBasis? basis, string? subjectExternalId, string purpose, DateTimeOffset now)
    {
        if (basis is not { Type: "consent" })
        {
            return "Recorded consent is required: give legal basis 'consent' with the consent record's id as reference (POST /v1/consents records one).";
        }

        if (!Guid.TryParse(basis.Reference, out Guid id) || store.FindConsent(tenantId, id) is not { } consent)
        {
            return $"The legal basis reference '{basis.Reference}' names no consent record of this tenant (POST /v1/consents records one).";
        }

        string? standing = consent.StatusAt(now) switch
        {
            ConsentStatus.Withdrawn => $"Consent {id} was withdrawn at {consent.WithdrawnAt:O}.",
            ConsentStatus.Expired => $"Consent {id} expired at {consent.ExpiresAt:O}.",
            ConsentStatus.NotYetGranted => $"Consent {id} is only granted from {consent.GrantedAt:O}.",
            _ => null,
        };
        if (standing is not null)
        {
            return standing;
        }

        if (subjectExternalId is null || !string.Equals(consent.SubjectExternalId, subjectExternalId.Trim(), StringComparison.Ordinal))
        {
            return $"Consent {id} was not given by the person being enrolled (their external id differs).";
        }

        return consent.Purposes.Contains(purpose, StringComparer.Ordinal)
            ? null
            : $"Consent {id} does not cover the purpose '{purpose}'; it covers {string.Join(", ", consent.Purposes)}.";
    }

    /// <summary>The legal basis as it is stored on a subject: a consent reference that is an id is written in one canonical form.</summary>
    public static LegalBasis? Canonical(LegalBasis? basis) =>
        basis is { Type: "consent" } && Guid.TryParse(basis.Reference, out Guid id) ? basis with { Reference = SqliteFaceStore.ConsentReference(id) } : basis;
}
