using FaceAccord.Core;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Observability;
using FaceAccord.Service.Recognition;
using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The policy step of the governed path: asks the policy engine with the tenant's profile and the request's
/// declarations, and refuses (Denied) what it denies and what carries a condition this deployment cannot carry out
/// (fail closed). An enrolment on the legal basis consent is checked against the consent records; the
/// accountability-report condition against the reports published for the model in use. It writes nothing: the
/// operation's one audit entry records its decision.
/// </summary>
public sealed class PolicyGate(PolicyEngine engine, IConsentStore consents, IReportStore reports, RecognitionEngine recognition, TimeProvider clock)
{
    /// <summary>
    /// The decision for <paramref name="context"/>'s request of <paramref name="operation"/>, or the refusal
    /// (<c>policy-denied</c>, <c>condition-unmet</c>, <c>consent-invalid</c>), after telling <paramref name="scope"/>
    /// which rules and why; BadInput for an unknown purpose or another malformed declaration.
    /// </summary>
    internal PolicyDecision Decide(RequestContext context, string operation, LegalBasis? legalBasis, string? subjectExternalId, OperationScope scope)
    {
        var basis = legalBasis ?? context.LegalBasis;
        if (string.IsNullOrWhiteSpace(context.Purpose))
        {
            throw FaceAccordException.BadInput("purpose-missing", "Every request states its purpose (header FaceAccord-Purpose, option --purpose).");
        }

        var p = context.Tenant.Profile;
        var request = PolicyRequestParser.Validate(new PolicyRequest
        {
            Tenant = new PolicyTenant(p.Sector, p.Country, p.Region, p.City, p.PlaceOfPublicAccommodation),
            Operation = operation,
            Purpose = context.Purpose,
            Mode = context.Mode,
            Setting = context.Setting,
            Consequential = context.Consequential,
            LegalBasis = basis is null ? PolicyLegalBasis.None : new PolicyLegalBasis(basis.Type, basis.Reference),
        });

        using var activity = OperationTelemetry.StartPolicy();
        var decision = engine.Evaluate(request);
        if (!decision.Allowed)
        {
            OperationTelemetry.Decided(operation, "deny", decision, activity);
            scope.Refused(decision, null);
            throw Refusal("policy-denied", $"Denied by {string.Join("; ", decision.Rules.Select(r => $"{r.Id} ({r.Citation})"))}.", decision.Rules);
        }

        var unmetConditions = decision.Conditions.Select(c => (c.Type, Why: Unmet(c, context, operation, basis, subjectExternalId))).Where(u => u.Why is not null).ToList();
        var unmet = unmetConditions.Select(u => u.Why!).ToList();
        if (unmet.Count > 0)
        {
            OperationTelemetry.Decided(operation, "condition-unmet", decision, activity);
            OperationTelemetry.Unmet(unmetConditions.Select(u => u.Type));
            scope.Refused(decision, AuditRecords.Detail(new { unmet }));
            throw Refusal("condition-unmet", string.Join(" ", unmet), decision.Rules);
        }

        // Where no policy asks for consent, an enrolment that claims it must still name a consent that holds.
        if (operation == "enroll" && basis is { Type: "consent" } && ConsentProblem(context, basis, subjectExternalId) is { } invalid)
        {
            OperationTelemetry.Decided(operation, "consent-invalid", decision, activity);
            scope.Refused(decision, AuditRecords.Detail(new { error = "consent-invalid" }));
            throw Refusal("consent-invalid", invalid, decision.Rules);
        }

        OperationTelemetry.Decided(operation, "allow", decision, activity);
        return decision;
    }

    /// <summary>
    /// Why a condition is not met here, or null when it is. Human review is carried out by the review queue, which
    /// holds identification and verification results; a retention limit becomes the enrolled subject's expiry date;
    /// consent is checked against its record; an accountability report must have been published; a condition this
    /// version cannot carry out refuses the operation rather than pretend.
    /// </summary>
    private string? Unmet(PolicyCondition condition, RequestContext context, string operation, LegalBasis? basis, string? subjectExternalId) => condition switch
    {
        AccountabilityReportCondition when reports.HasAccountabilityReport(context.TenantId, recognition.ModelId) => null,
        AccountabilityReportCondition =>
            "An accountability report on the model pack in use must be published first (faceaccord report accountability --publish).",
        LogRetentionCondition => null, // the audit log is append-only and never pruned
        RetentionCondition => null, // enrolment turns it into the subject's expiry (SubjectRetention); RetentionSweeper deletes at expiry
        HumanReviewCondition when operation is "identify" or "verify" => null, // the identification service holds the result as a review case
        LegalBasisRequiredCondition need when basis is not null && need.AnyOf.Contains(basis.Type, StringComparer.Ordinal) => null,
        LegalBasisRequiredCondition need => $"A legal basis of type {string.Join(" or ", need.AnyOf)} is required (header FaceAccord-Legal-Basis: TYPE REFERENCE).",
        ConsentRequiredCondition => ConsentProblem(context, basis, subjectExternalId),
        _ => $"The condition '{condition.Type}' ({condition.Explain()}) cannot be enforced by this deployment yet, so the operation is refused.",
    };

    private string? ConsentProblem(RequestContext context, LegalBasis? basis, string? subjectExternalId) =>
        ConsentCheck.Problem(consents, context.TenantId, basis, subjectExternalId, context.Purpose!, clock.GetUtcNow());

    private static FaceAccordException Refusal(string code, string message, IReadOnlyList<PolicyRuleHit> rules)
    {
        var e = new FaceAccordException(ErrorKind.Denied, code, message);
        e.Data["rules"] = rules.Select(r => new Dictionary<string, string> { ["id"] = r.Id, ["pack"] = r.Pack, ["citation"] = r.Citation, ["effect"] = r.Effect }).ToArray();
        return e;
    }
}
