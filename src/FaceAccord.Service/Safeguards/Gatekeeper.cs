using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The first and last step of every operation on faces: asks the policy engine with the tenant's profile and the
/// request's declarations, refuses (403) what it denies and what carries a condition this deployment cannot yet
/// enforce (fail closed), and writes every outcome (allowed, denied, failed) to the hash-chained audit log.
/// </summary>
public sealed class Gatekeeper(PolicyEngine engine, AuditLog audit)
{
    public AuditLog Audit { get; } = audit;

    /// <summary>Clears the operation or throws (Denied <c>policy-denied</c> / <c>condition-unmet</c>, BadInput for an unknown purpose).</summary>
    public Clearance Authorize(RequestContext context, string operation, Guid? galleryId = null, LegalBasis? legalBasis = null)
    {
        ArgumentNullException.ThrowIfNull(context);
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

        var unmet = decision.Conditions.Select(c => Unmet(c, operation, basis)).OfType<string>().ToList();
        if (unmet.Count > 0)
        {
            Append(context, operation, galleryId, AuditDecision.Deny, decision.Rules.Select(r => r.Id).ToList(), Detail(new { unmet }));
            throw Refusal("condition-unmet", string.Join(" ", unmet), decision.Rules);
        }

        return new Clearance(context, operation, galleryId, decision);
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
    /// holds identification and verification results; conditions this version cannot carry out yet (review of other operations,
    /// retention expiry, accountability reports) refuse the operation rather than pretend.
    /// </summary>
    private static string? Unmet(PolicyCondition condition, string operation, LegalBasis? basis) => condition switch
    {
        LogRetentionCondition => null, // the audit log is append-only and never pruned
        HumanReviewCondition when operation is "identify" or "verify" => null, // FaceService holds the result as a review case
        LegalBasisRequiredCondition need when basis is not null && need.AnyOf.Contains(basis.Type, StringComparer.Ordinal) => null,
        LegalBasisRequiredCondition need => $"A legal basis of type {string.Join(" or ", need.AnyOf)} is required (header FaceAccord-Legal-Basis: TYPE REFERENCE).",
        ConsentRequiredCondition when basis is { Type: "consent", Reference: { Length: > 0 } } => null,
        ConsentRequiredCondition => "Recorded consent is required: give legal basis 'consent' with the consent record's reference.",
        _ => $"The condition '{condition.Type}' ({condition.Explain()}) cannot be enforced by this deployment yet, so the operation is refused.",
    };

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
