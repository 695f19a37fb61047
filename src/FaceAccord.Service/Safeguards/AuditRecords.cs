using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The one builder of audit records: every entry, whether an operation sealed it or a front end refused a request
/// before any operation ran, is made here from the same fields, so no record is assembled by hand elsewhere.
/// </summary>
public static class AuditRecords
{
    /// <summary>The key id of requests that presented no valid key.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The key id of the retention sweeper: no person or API key asked for its deletions.</summary>
    public const string RetentionSweeperKeyId = "retention-sweeper";

    /// <summary>The entry of an operation: what the scope gathered, with the decision, status and problem code.</summary>
    public static AuditRecord Of(OperationScope scope, AuditDecision decision, int status, string? problem, JsonElement? detail)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = scope.Context;
        return new AuditRecord
        {
            TenantId = scope.TenantId,
            KeyId = scope.KeyId,
            Operation = scope.Kind.Name,
            Purpose = scope.Purpose,
            Mode = context?.Mode,
            LegalBasis = context?.LegalBasis,
            Decision = decision,
            RuleIds = scope.Decision?.Rules.Select(r => r.Id).ToList() ?? [],
            GalleryId = scope.GalleryId,
            CandidateCount = decision == AuditDecision.Allow ? scope.CandidateCount : 0,
            CandidateSubjectIds = decision == AuditDecision.Allow ? scope.Candidates : [],
            ReviewerIds = scope.ReviewerIds,
            Detail = detail,
            Channel = scope.Channel.Name,
            Status = status,
            Problem = problem,
        };
    }

    /// <summary>
    /// The entry of a request refused or failed before any operation ran (no valid key, a body too large, an unknown
    /// route): who asked as far as known, what was asked, and what they got.
    /// </summary>
    public static AuditRecord Request(RequestContext? context, string? keyId, string operation, AuditDecision decision, string channel, int status, string? problem, JsonElement? detail) => new()
    {
        TenantId = context?.TenantId,
        KeyId = context?.KeyId ?? keyId ?? Unauthenticated,
        Operation = operation,
        Purpose = context?.Purpose,
        Mode = context?.Mode,
        LegalBasis = context?.LegalBasis,
        Decision = decision,
        Detail = detail,
        Channel = channel,
        Status = status,
        Problem = problem,
    };

    /// <summary>
    /// The entry that closes a held identification or verification on its requester's behalf once reviewers released
    /// or rejected it: what the requester finally received, and who confirmed.
    /// </summary>
    public static AuditRecord Closing(Guid tenantId, string requesterKeyId, string operation, string purpose, string mode, LegalBasis? basis,
        Guid? galleryId, IReadOnlyList<Guid> candidates, IReadOnlyList<string> reviewers, JsonElement detail, string channel) => new()
    {
        TenantId = tenantId,
        KeyId = requesterKeyId,
        Operation = operation,
        Purpose = purpose,
        Mode = mode,
        LegalBasis = basis,
        Decision = AuditDecision.Allow,
        GalleryId = galleryId,
        CandidateSubjectIds = candidates,
        ReviewerIds = reviewers,
        Detail = detail,
        Channel = channel,
    };

    public static JsonElement Detail(object value) => JsonSerializer.SerializeToElement(value, ServiceJson.Options);
}
