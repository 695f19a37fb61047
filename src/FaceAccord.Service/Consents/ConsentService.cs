using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Observability;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Consents;

/// <summary>
/// Consent records of a tenant: recorded before an enrolment on the legal basis <c>consent</c> can name them, read
/// back, and withdrawn. Withdrawal takes effect at once and deletes every subject enrolled under the consent
/// (templates, images, search index entries) in the same transaction as the withdrawal and its tombstone of ids.
/// </summary>
public sealed class ConsentService(IConsentStore store, IGalleryStore galleries, SubjectEraser eraser, GovernedOperations governed, TimeProvider clock)
{
    /// <summary>Signing methods BIPA's "written release" admits: on paper or by electronic signature.</summary>
    public static readonly IReadOnlyList<string> SignatureMethods = ["written", "electronic-signature"];

    /// <summary>The purpose a withdrawal or deletion is carried out for, whatever the caller declared.</summary>
    public const string DeletionPurposeTerm = "data-subject-request";

    private const int MaxText = 200;
    private const int MaxReason = 500;

    // A client clock slightly ahead of ours must not make a consent signed just now look like one from the future.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Records a consent after checking every field; BadInput with a code naming the field otherwise.</summary>
    public ConsentView Record(RequestContext context, RecordConsentRequest request) =>
        governed.Run(context, OperationKind.ConsentRecord, scope =>
        {
            ArgumentNullException.ThrowIfNull(request);
            string subject = ExternalId(request.SubjectExternalId);
            if (request.Purposes is not { Count: > 0 } purposes)
            {
                throw FaceAccordException.BadInput("consent-purposes-required", $"A consent names the purposes it covers, e.g. [\"access-control\"]; one of {PolicyVocabulary.Purposes.Listing}.");
            }

            foreach (string? p in purposes)
            {
                if (p is null || !PolicyVocabulary.Purposes.Contains(p))
                {
                    throw FaceAccordException.BadInput("consent-purpose-unknown", $"'{p}' is not a purpose of the policy vocabulary; use one of {PolicyVocabulary.Purposes.Listing}.");
                }
            }

            string version = Text(request.NoticeVersion, "notice-version-required", "noticeVersion (the version of the notice the person was given)");
            string hash = NoticeHash(request.NoticeSha256, request.NoticeText);
            string method = request.SignatureMethod is { } m && SignatureMethods.Contains(m, StringComparer.Ordinal) ? m
                : throw FaceAccordException.BadInput("signature-method-invalid", $"signatureMethod must be {string.Join(" or ", SignatureMethods)}.");
            string evidence = Text(request.EvidenceReference, "evidence-reference-required", "evidenceReference (where the signed release is kept)");
            var now = clock.GetUtcNow();
            var granted = request.GrantedAt ?? now;
            if (granted > now + ClockSkew)
            {
                throw FaceAccordException.BadInput("granted-at-invalid", "grantedAt lies in the future; record a consent once it is signed.");
            }

            if (request.ExpiresAt is { } expires && expires <= granted)
            {
                throw FaceAccordException.BadInput("expires-at-invalid", "expiresAt must be later than grantedAt.");
            }

            var stored = store.CreateConsent(new NewConsent(context.TenantId, subject, [.. purposes.Distinct(StringComparer.Ordinal)], version, hash, method, evidence,
                granted, request.ExpiresAt));

            // The chained log fixes when the record was made and with which dates, so a back-dated or altered consent
            // shows; ids, dates and the notice's hash only, never the person's id or the evidence reference.
            scope.Detail = AuditRecords.Detail(new { consent = stored.Id, grantedAt = stored.GrantedAt, expiresAt = stored.ExpiresAt, noticeSha256 = stored.NoticeSha256 });
            scope.Outcome = OperationOutcome.Created;
            return ConsentView.From(stored, now);
        });

    public ConsentView Get(RequestContext context, Guid consentId) =>
        governed.Run(context, OperationKind.ConsentRead, _ => ConsentView.From(Require(context, consentId), clock.GetUtcNow()));

    /// <summary>Every consent the person gave this tenant, withdrawn ones included.</summary>
    public IReadOnlyList<ConsentView> ListBySubject(RequestContext context, string? subjectExternalId) =>
        governed.Run(context, OperationKind.ConsentRead, _ =>
        {
            string subject = ExternalId(subjectExternalId);
            var now = clock.GetUtcNow();
            return (IReadOnlyList<ConsentView>)[.. store.ListConsents(context.TenantId, subject).Select(c => ConsentView.From(c, now))];
        });

    /// <summary>
    /// Withdraws the consent now and deletes every subject enrolled under it, in one transaction with its tombstone;
    /// <c>consent-withdrawn</c> (BadInput; 409 over HTTP) when it was withdrawn before and nothing is left under it.
    /// Goes through the policy as <c>delete</c> for the purpose data-subject-request.
    /// </summary>
    public ConsentWithdrawal Withdraw(RequestContext context, Guid consentId, string? reason) =>
        governed.Run(context, OperationKind.Delete, scope =>
        {
            if (reason is { Length: > MaxReason })
            {
                throw FaceAccordException.BadInput("reason-invalid", $"A withdrawal reason has at most {MaxReason} characters.");
            }

            var consent = Require(context, consentId);

            // Before withdrawals and erasures shared a transaction, one could be interrupted after the consent was marked
            // and leave subjects behind: asking again finishes it. Only a withdrawal with nothing left is refused as a repeat.
            if (consent.WithdrawnAt is not null && store.ListSubjectsUnderConsent(context.TenantId, consentId).Count == 0)
            {
                throw FaceAccordException.BadInput("consent-withdrawn", $"Consent {consent.Id} was already withdrawn at {consent.WithdrawnAt:O}.");
            }

            scope.Authorize(purpose: DeletionPurposeTerm);
            var withdrawn = consent.WithdrawnAt is not null
                ? consent
                : store.WithdrawConsent(context.TenantId, consentId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetUtcNow());
            var erased = new List<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)>();
            EraseUnder(scope, context.TenantId, consentId, erased);
            if (consent.WithdrawnAt is null)
            {
                scope.AfterCommit(() => OperationTelemetry.ConsentWithdrawn(1));
            }

            scope.Detail = TombstoneDetail(AuditDeletionReason.ConsentWithdrawn, null, erased, null, [consentId]);
            return new ConsentWithdrawal(ConsentView.From(withdrawn, clock.GetUtcNow()), [.. erased.Select(e => e.Subject)], erased.Sum(e => e.Faces.Count));
        });

    /// <summary>Withdraws every still-standing consent of the person inside <paramref name="scope"/> (a deletion request's part); the ids withdrawn.</summary>
    internal List<Guid> WithdrawAllOf(OperationScope scope, Guid tenantId, string subjectExternalId, List<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)> erased)
    {
        var withdrawn = new List<Guid>();
        foreach (var consent in store.ListConsents(tenantId, subjectExternalId).Where(c => c.WithdrawnAt is null))
        {
            store.WithdrawConsent(tenantId, consent.Id, DeletionPurposeTerm, clock.GetUtcNow());
            withdrawn.Add(consent.Id);
            EraseUnder(scope, tenantId, consent.Id, erased);
        }

        scope.AfterCommit(() => OperationTelemetry.ConsentWithdrawn(withdrawn.Count));
        return withdrawn;
    }

    /// <summary>When the consent a subject rests on expires (null: it does not, or the subject rests on no consent).</summary>
    internal DateTimeOffset? ExpiryOf(Gallery gallery, Subject subject) =>
        subject.LegalBasis is { Type: "consent" } basis && Guid.TryParse(basis.Reference, out Guid id)
            ? store.FindConsent(gallery.TenantId, id)?.ExpiresAt
            : null;

    /// <summary>
    /// Inside an enrolment's transaction, after its subject is written: a consent withdrawn since the policy check
    /// fails the enrolment, and the rollback takes the subject with it. A withdrawal committed later finds the subject
    /// and erases it, since both write in turn.
    /// </summary>
    internal void Recheck(Gallery gallery, Subject subject)
    {
        if (subject.LegalBasis is { Type: "consent" } basis && Guid.TryParse(basis.Reference, out Guid id)
            && store.FindConsent(gallery.TenantId, id) is { WithdrawnAt: not null })
        {
            throw new FaceAccordException(ErrorKind.Denied, "consent-invalid", $"Consent {id} was withdrawn while the subject was being enrolled.");
        }
    }

    /// <summary>The audit detail of a deletion: the tombstone (reason and ids), plus the request and consent ids.</summary>
    internal static JsonElement TombstoneDetail(AuditDeletionReason reason, Guid? galleryId, IEnumerable<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)> erased,
        Guid? requestId, IReadOnlyList<Guid> consentIds)
    {
        var list = erased.ToList();
        var tombstone = new AuditTombstone(reason, galleryId, [.. list.Select(e => e.Subject.SubjectId)], [.. list.SelectMany(e => e.Faces)]);
        var body = tombstone.ToDetail().GetProperty("tombstone");
        return requestId is { } id
            ? AuditRecords.Detail(new { tombstone = body, requestId = id, consentIds })
            : AuditRecords.Detail(new { tombstone = body, consentIds });
    }

    internal static string ExternalId(string? value)
    {
        string trimmed = value?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxText ? trimmed
            : throw FaceAccordException.BadInput("subject-external-id-invalid", $"subjectExternalId must be 1 to {MaxText} characters: the tenant's own reference for the person.");
    }

    private void EraseUnder(OperationScope scope, Guid tenantId, Guid consentId, List<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)> erased)
    {
        foreach (var subject in store.ListSubjectsUnderConsent(tenantId, consentId))
        {
            if (erased.Any(e => e.Subject.SubjectId == subject.Id) || galleries.FindGallery(tenantId, subject.GalleryId) is not { } gallery)
            {
                continue;
            }

            if (eraser.Erase(scope, gallery, subject) is { } faces)
            {
                erased.Add((new ErasedSubject(gallery.Id, subject.Id, faces.Count), faces));
            }
        }
    }

    private ConsentRecord Require(RequestContext context, Guid consentId) =>
        store.FindConsent(context.TenantId, consentId)
        ?? throw FaceAccordException.NotFound("consent-not-found", $"There is no consent {consentId}.");

    private static string Text(string? value, string code, string what)
    {
        string trimmed = value?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxText ? trimmed : throw FaceAccordException.BadInput(code, $"A consent needs {what}, 1 to {MaxText} characters.");
    }

    /// <summary>The notice's SHA-256 in lower-case hex: given, computed from the text, or both and then they must agree.</summary>
    private static string NoticeHash(string? sha256, string? text)
    {
        string? computed = string.IsNullOrEmpty(text) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (string.IsNullOrWhiteSpace(sha256))
        {
            return computed ?? throw FaceAccordException.BadInput("notice-required", "A consent needs the notice the person was given: noticeText, or noticeSha256 (hex SHA-256 of its UTF-8 text).");
        }

        string trimmed = sha256.Trim();
        if (trimmed.Length != 64 || !trimmed.All(char.IsAsciiHexDigit))
        {
            throw FaceAccordException.BadInput("notice-sha256-invalid", "noticeSha256 must be 64 hexadecimal digits (the SHA-256 of the notice's UTF-8 text).");
        }

        string given = Convert.ToHexStringLower(Convert.FromHexString(trimmed));

        return computed is null || computed == given ? given
            : throw FaceAccordException.BadInput("notice-sha256-mismatch", "noticeSha256 is not the SHA-256 of noticeText.");
    }
}
