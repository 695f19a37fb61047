using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Consents;
using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The first and last step of every operation on faces: asks the policy engine with the tenant's profile and the
/// request's declarations, refuses (403) what it denies and what carries a condition this deployment cannot yet
/// enforce (fail closed), and writes every outcome (allowed, denied, failed) to the hash-chained audit log.
/// An enrolment on the legal basis consent is checked against <paramref name="consents"/> (none: refused).
/// <paramref name="accountabilityReportPublished"/> answers whether a tenant has published the accountability report
/// for the pack in use; without it the accountability-report condition cannot be checked and refuses.
/// </summary>
public sealed class Gatekeeper(
    PolicyEngine engine, AuditLog audit, IConsentStore? consents = null, TimeProvider? clock = null, Func<Guid, bool>? accountabilityReportPublished = null)
{
    /// <summary>The refusal of a key whose role may not carry out the operation (separation of duties, not a policy rule).</summary>
    public const string KeyRoleForbidden = "key-role-forbidden";

    public AuditLog Audit { get; } = audit;

    /// <summary>
    /// Clears the operation or throws (Denied <c>key-role-forbidden</c> for a key that is not an operator's, <c>policy-denied</c> /
    /// <c>condition-unmet</c> / <c>consent-invalid</c>, BadInput
    /// for an unknown purpose). <paramref name="subjectExternalId"/> is the person an enrolment is about, whose consent it needs.
    /// </summary>
    public Clearance Authorize(RequestContext context, string operation, Guid? galleryId = null, LegalBasis? legalBasis = null, string? subjectExternalId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Role != ApiKeyRoles.Operator)
        {
            // A reviewer who could also search would review their own searches under another key's name.
            throw RefuseRole(context, operation, galleryId);
        }

        var basis = legalBasis ?? context.LegalBasis;
        PolicyRequest request;
        try
        {
            var p = context.Tenant.Profile;
            request = PolicyRequestParser.Validate(new PolicyRequest
            {
                Tenant = new PolicyTenant(p.Sector, p.Country, p.Region, p.City, p.PlaceOfPublicAccommodation),
                Operation = operation,
                Purpose = context.Purpose,
                Mode = context.Mode,
                Setting = context.Setting,
                Consequential = context.Consequential,
                LegalBasis = basis is null ? PolicyLegalBasis.None : new PolicyLegalBasis(basis.Type, basis.Reference),
            });
        }
        catch (FaceAccordException e)
        {
            Append(context, operation, galleryId, AuditDecision.Error, [], Detail(new { error = e.Code }));
            throw;
        }

        var decision = engine.Evaluate(request);
        if (!decision.Allowed)
        {
            Append(context, operation, galleryId, AuditDecision.Deny, decision.Rules.Select(r => r.Id).ToList(), null);
            throw Refusal("policy-denied",
                $"Denied by {string.Join("; ", decision.Rules.Select(r => $"{r.Id} ({r.Citation})"))}.", decision.Rules);
        }

        var unmet = decision.Conditions.Select(c => Unmet(c, context, operation, basis, subjectExternalId)).OfType<string>().ToList();
        if (unmet.Count > 0)
        {
            Append(context, operation, galleryId, AuditDecision.Deny, decision.Rules.Select(r => r.Id).ToList(), Detail(new { unmet }));
            throw Refusal("condition-unmet", string.Join(" ", unmet), decision.Rules);
        }

        // Where no policy asks for consent, an enrolment that claims it must still name a consent that holds.
        if (operation == "enroll" && basis is { Type: "consent" } && ConsentProblem(context, basis, subjectExternalId) is { } invalid)
        {
            Append(context, operation, galleryId, AuditDecision.Deny, decision.Rules.Select(r => r.Id).ToList(), Detail(new { error = "consent-invalid" }));
            throw Refusal("consent-invalid", invalid, decision.Rules);
        }

        return new Clearance(context, operation, galleryId, decision);
    }

    /// <summary>
    /// Audits and returns the refusal of a key whose role may not make <paramref name="request"/> (an operation, or
    /// an HTTP request a reviewer key may not send), <c>key-role-forbidden</c>.
    /// </summary>
    public FaceAccordException RefuseRole(RequestContext context, string request, Guid? galleryId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Append(context, request, galleryId, AuditDecision.Deny, [], Detail(new { error = KeyRoleForbidden, role = context.Role }));
        return new FaceAccordException(ErrorKind.Denied, KeyRoleForbidden,
            $"A {context.Role} key may not {request}; reviewer keys only read and decide review cases, operator keys do the rest.");
    }

    /// <summary>Closes an allowed operation in the audit log with what it returned (ids only).</summary>
    public void Complete(Clearance clearance, IReadOnlyList<Guid>? candidates = null, JsonElement? detail = null)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        Append(clearance.Context, clearance.Operation, clearance.GalleryId, AuditDecision.Allow,
            clearance.Decision.Rules.Select(r => r.Id).ToList(), detail, candidates ?? []);
    }

    /// <summary>Closes an allowed operation that failed, so failed attempts leave a trace too.</summary>
    public void Fail(Clearance clearance, Exception error)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        string code = error is FaceAccordException fa ? fa.Code : "internal";
        Append(clearance.Context, clearance.Operation, clearance.GalleryId, AuditDecision.Error,
            clearance.Decision.Rules.Select(r => r.Id).ToList(), Detail(new { error = code }));
    }

    public static JsonElement Detail(object value) => JsonSerializer.SerializeToElement(value, ServiceJson.Options);

    /// <summary>
    /// Why a condition is not met here, or null when it is. Human review is carried out by the review queue, which
    /// holds identification and verification results; a retention limit becomes the enrolled subject's expiry date;
    /// consent is checked against its record; an accountability report must have been published; a condition this
    /// version cannot carry out refuses the operation rather than pretend.
    /// </summary>
    private string? Unmet(PolicyCondition condition, RequestContext context, string operation, LegalBasis? basis, string? subjectExternalId) => condition switch
    {
        AccountabilityReportCondition when accountabilityReportPublished is not null && accountabilityReportPublished(context.TenantId) => null,
        AccountabilityReportCondition when accountabilityReportPublished is not null =>
            "An accountability report on the model pack in use must be published first (faceaccord report accountability --publish).",
        LogRetentionCondition => null, // the audit log is append-only and never pruned
        RetentionCondition => null, // enrolment turns it into the subject's expiry (SubjectRetention); RetentionSweeper deletes at expiry
        HumanReviewCondition when operation is "identify" or "verify" => null, // FaceService holds the result as a review case
        LegalBasisRequiredCondition need when basis is not null && need.AnyOf.Contains(basis.Type, StringComparer.Ordinal) => null,
        LegalBasisRequiredCondition need => $"A legal basis of type {string.Join(" or ", need.AnyOf)} is required (header FaceAccord-Legal-Basis: TYPE REFERENCE).",
        ConsentRequiredCondition => ConsentProblem(context, basis, subjectExternalId),
        _ => $"The condition '{condition.Type}' ({condition.Explain()}) cannot be enforced by this deployment yet, so the operation is refused.",
    };

    private string? ConsentProblem(RequestContext context, LegalBasis? basis, string? subjectExternalId) =>
        ConsentCheck.Problem(consents, context.TenantId, basis, subjectExternalId, context.Purpose, (clock ?? TimeProvider.System).GetUtcNow());

    private static FaceAccordException Refusal(string code, string message, IReadOnlyList<PolicyRuleHit> rules)
    {
        var e = new FaceAccordException(ErrorKind.Denied, code, message);
        e.Data["rules"] = rules.Select(r => new Dictionary<string, string> { ["id"] = r.Id, ["pack"] = r.Pack, ["citation"] = r.Citation, ["effect"] = r.Effect }).ToArray();
        return e;
    }

    private void Append(RequestContext context, string operation, Guid? galleryId, AuditDecision decision,
        IReadOnlyList<string> rules, JsonElement? detail, IReadOnlyList<Guid>? candidates = null) =>
        Audit.Append(new AuditRecord
        {
            TenantId = context.TenantId,
            KeyId = context.KeyId,
            Operation = operation,
            Purpose = context.Purpose,
            Mode = context.Mode,
            LegalBasis = context.LegalBasis,
            Decision = decision,
            RuleIds = rules,
            GalleryId = galleryId,
            CandidateCount = candidates?.Count,
            CandidateSubjectIds = candidates ?? [],
            Detail = detail,
        });
}
