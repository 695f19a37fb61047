using FaceAccord.Core;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The one table of what may be done: each kind of governed operation with the name its audit entries carry, the
/// policy operation the policy engine judges it as (null when no policy rule speaks to it: role and audit still
/// apply), and the key roles that may run it. The role rules live here and nowhere else.
/// </summary>
public sealed record OperationKind(string Name, string? PolicyOperation, IReadOnlyList<KeyRole> Roles)
{
    /// <summary>The refusal of a key whose role may not carry out the operation (separation of duties, not a policy rule).</summary>
    public const string KeyRoleForbidden = "key-role-forbidden";

    /// <summary>The refusal of a non-reviewer key asking for a reviewer's operation.</summary>
    public const string ReviewerRoleRequired = "reviewer-role-required";

    private static readonly KeyRole[] Operators = [KeyRole.Operator];

    public static OperationKind Detect { get; } = new("detect", "detect", Operators);

    public static OperationKind Verify { get; } = new("verify", "verify", Operators);

    public static OperationKind Identify { get; } = new("identify", "identify", Operators);

    /// <summary>Independent testing's comparisons.</summary>
    public static OperationKind Evaluate { get; } = new("evaluate", "evaluate", Operators);

    /// <summary>A subject registered or a face enrolled.</summary>
    public static OperationKind Enroll { get; } = new("enroll", "enroll", Operators);

    /// <summary>Any erasure: a face, subject or gallery, a consent withdrawal, a deletion request, the retention sweep.</summary>
    public static OperationKind Delete { get; } = new("delete", "delete", Operators);

    public static OperationKind GalleryCreate { get; } = new("gallery-create", null, Operators);

    public static OperationKind GalleryRead { get; } = new("gallery-read", null, Operators);

    public static OperationKind SubjectRead { get; } = new("subject-read", null, Operators);

    public static OperationKind ConsentRecord { get; } = new("consent-record", null, Operators);

    public static OperationKind ConsentRead { get; } = new("consent-read", null, Operators);

    /// <summary>Reading a review case; a reviewer key is shown the held result it is asked to decide.</summary>
    public static OperationKind ReviewView { get; } = new("review-view", null, [KeyRole.Operator, KeyRole.Reviewer]);

    /// <summary>One reviewer's decision: review is a separate duty, so only reviewer keys decide.</summary>
    public static OperationKind Review { get; } = new("review", null, [KeyRole.Reviewer]);

    public static OperationKind ReportBuild { get; } = new("report-accountability", null, Operators);

    public static OperationKind ReportPublish { get; } = new("report-publish", null, Operators);

    public static OperationKind ReportRead { get; } = new("report-read", null, Operators);

    /// <summary>Reading the audit log and the chain's state (the console's auditor pages).</summary>
    public static OperationKind AuditRead { get; } = new("audit-read", null, Operators);

    public static OperationKind ApiKeyIssue { get; } = new("api-key-issue", null, Operators);

    public static OperationKind ApiKeyList { get; } = new("api-key-list", null, Operators);

    public static OperationKind ApiKeyRevoke { get; } = new("api-key-revoke", null, Operators);

    /// <summary>A key replaced by a new one; the old one works on for a stated grace period.</summary>
    public static OperationKind ApiKeyRotate { get; } = new("api-key-rotate", null, Operators);

    /// <summary>Administration of who may act, not a request about faces: reports leave these out of request counts.</summary>
    public static IReadOnlyList<string> KeyAdministration { get; } = [ApiKeyIssue.Name, ApiKeyList.Name, ApiKeyRevoke.Name, ApiKeyRotate.Name];

    public bool Allows(KeyRole role) => Roles.Contains(role);

    /// <summary>The code a refused role gets: reviewer-only operations say a reviewer is needed.</summary>
    public string RefusalCode => Roles is [KeyRole.Reviewer] ? ReviewerRoleRequired : KeyRoleForbidden;
}
