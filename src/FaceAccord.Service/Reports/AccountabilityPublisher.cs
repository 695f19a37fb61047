using System.Security.Cryptography;
using System.Text;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Reports;

/// <summary>
/// Files an agency's accountability report: the Markdown is kept whole with its SHA-256 for the model in use and
/// the filing is audited, which is what the gatekeeper's accountability-report condition then finds.
/// </summary>
public static class AccountabilityPublisher
{
    /// <summary>The audit log's operation name for a published report.</summary>
    public const string Operation = "report-publish";

    /// <summary>Whether <paramref name="tenantId"/> has a published report for <paramref name="packId"/> (the gatekeeper's lookup).</summary>
    public static bool IsPublished(IFaceStore store, Guid tenantId, string packId) =>
        store is IReportStore reports && reports.HasAccountabilityReport(tenantId, packId);

    /// <summary>Stores and audits the report; <c>reports-unsupported</c> when the store cannot keep reports.</summary>
    public static PublishedReport Publish(FaceService service, Tenant tenant, string markdown, string keyId = AuditRecord.CliKeyId)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tenant);
        var reports = service.Store as IReportStore ?? throw FaceAccordException.Environment(
            "reports-unsupported", "This store cannot keep published reports.");
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        var stored = reports.SaveAccountabilityReport(new NewPublishedReport(tenant.Id, service.Pipeline.ModelId, markdown, sha));
        service.Gate.Audit.Append(new AuditRecord
        {
            TenantId = tenant.Id,
            KeyId = keyId,
            Operation = Operation,
            Decision = AuditDecision.Allow,
            Detail = Gatekeeper.Detail(new { report = stored.Id, pack = stored.PackId, sha256 = stored.Sha256 }),
        });
        return stored;
    }
}
