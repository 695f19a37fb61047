using System.Text.Json;
using FaceAccord.Governance.Audit;
using FaceAccord.Core;

namespace FaceAccord.Governance.Tests.Audit;

/// <summary>Audit records that exercise every field, deterministic per index.</summary>
internal static class SampleRecords
{
    public static readonly Guid TenantA = Guid.Parse("0b6f1c7e-4d0e-4a8e-9d57-1f2a3b4c5d6e");
    public static readonly Guid TenantB = Guid.Parse("7c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    public static readonly Guid Gallery = Guid.Parse("11111111-2222-4333-8444-555555555555");

    public static AuditRecord Varied(int i) => (i % 4) switch
    {
        0 => new AuditRecord
        {
            TenantId = TenantA,
            KeyId = $"key-{i}",
            Operation = "identify",
            Purpose = "access-control",
            Mode = "one-off",
            LegalBasis = new LegalBasis("consent", $"consent-{i}"),
            Decision = AuditDecision.Allow,
            RuleIds = ["eu-ai-act.art14-5"],
            GalleryId = Gallery,
            CandidateSubjectIds = [Id(i, 1), Id(i, 2)],
            ReviewerIds = ["reviewer-a", "reviewer-b"],
            Detail = JsonSerializer.SerializeToElement(new { score = 0.71, rank = 1 }),
        },
        1 => new AuditRecord
        {
            TenantId = TenantB,
            KeyId = AuditRecord.CliKeyId,
            Operation = "verify",
            Purpose = "investigative-lead",
            Mode = "real-time",
            LegalBasis = new LegalBasis("warrant", null),
            Decision = AuditDecision.Deny,
            RuleIds = ["vendor.no-us-law-enforcement", "us-wa-sb6280.warrant"],
        },
        2 => new AuditRecord
        {
            TenantId = TenantA,
            KeyId = $"key-{i}",
            Operation = "delete",
            Decision = AuditDecision.Allow,
            GalleryId = Gallery,
            Detail = new AuditTombstone(AuditDeletionReason.DataSubjectRequest, Gallery, [Id(i, 3)], [Id(i, 4), Id(i, 5)]).ToDetail(),
        },
        _ => new AuditRecord
        {
            KeyId = AuditRecord.CliKeyId,
            Operation = "detect",
            Purpose = "research-evaluation",
            Decision = AuditDecision.Error,
            CandidateCount = 3,
        },
    };

    private static Guid Id(int i, int j) => new($"{i:x8}-{j:x4}-4000-8000-000000000000");
}
