using System.Security.Cryptography;
using System.Text;
using FaceAccord.Core;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Reports;

/// <summary>
/// The reports a regulator or the public asks for, made from the system's own records: an agency's accountability
/// report (built, filed with its SHA-256 for the model in use, fetched back) and the transparency figures of a period.
/// </summary>
public sealed class ReportService(
    IReportStore reports, IGalleryStore galleries, IApiKeyStore keys, IReviewCropStore crops, ReviewCropRule cropRule, RecognitionEngine recognition,
    GovernedOperations governed, ServiceOptions options, TimeProvider clock, FairnessSource? fairnessSource = null)
{
    /// <summary>
    /// The tenant's accountability report (RCW 43.386.020), quoting <paramref name="fairness"/> when given. It describes
    /// the installed pack and its calibration, which it reads without running any model.
    /// </summary>
    public ReportDocument BuildAccountability(RequestContext context, FairnessEvidence? fairness = null, string? fairnessSource = null) =>
        governed.Run(context, OperationKind.ReportBuild, _ =>
        {
            var sources = new AccountabilityReport.Sources(recognition.Pipeline.Pack.Manifest, recognition.Calibration, recognition.ModelId, options,
                galleries, keys, reports, governed.Audit, crops, cropRule.KeepsEnrolledCrops(context.Tenant));
            return AccountabilityReport.Build(sources, context.Tenant, clock.GetUtcNow(), fairness, fairnessSource);
        });

    /// <summary>The accountability report quoting the configured latest fairness evaluation (<see cref="FairnessSource"/>), if any.</summary>
    public ReportDocument BuildAccountabilityWithLatestFairness(RequestContext context) =>
        fairnessSource is { } f && File.Exists(f.Path) ? BuildAccountability(context, f.Load(f.Path), f.Path) : BuildAccountability(context);

    /// <summary>
    /// The latest fairness evaluation as a report of its own, read from <see cref="FairnessSource"/> at each call; a
    /// report that says how to produce one when none is configured or the file is gone. Reading it is audited.
    /// </summary>
    public ReportDocument BuildFairness(RequestContext context) =>
        governed.Run(context, OperationKind.ReportRead, scope =>
        {
            scope.Detail = AuditRecords.Detail(new { report = "fairness" });
            var doc = new ReportDocument($"Fairness evaluation: {recognition.ModelId}");
            if (fairnessSource is not { } f)
            {
                doc.Text("No fairness evaluation is configured for this server. Run 'faceaccord fairness --manifest FILE --out DIR' on labelled test data, then start the server with 'faceaccord serve --fairness DIR/fairness.json'; this page then shows the file's latest contents.");
                return doc;
            }

            if (!File.Exists(f.Path))
            {
                doc.Text($"The fairness evaluation the server was started with ({f.Path}) is not there any more. Run 'faceaccord fairness' again into that folder, or restart the server with the file's new place.");
                return doc;
            }

            AccountabilityReport.Fairness(doc, recognition.ModelId, f.Load(f.Path), f.Path);
            return doc;
        });

    /// <summary>Files the report for the tenant and the model in use: stored whole with its SHA-256, which meets the accountability-report condition.</summary>
    public PublishedReport Publish(RequestContext context, string markdown) =>
        governed.Run(context, OperationKind.ReportPublish, scope =>
        {
            string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
            var stored = reports.SaveAccountabilityReport(new NewPublishedReport(context.TenantId, recognition.ModelId, markdown, sha));
            scope.Detail = AuditRecords.Detail(new { report = stored.Id, pack = stored.PackId, sha256 = stored.Sha256 });
            scope.Outcome = OperationOutcome.Created;
            return stored;
        });

    /// <summary>The tenant's latest published report and whether it covers the model now in use; <c>report-not-found</c> when none was filed.</summary>
    public (PublishedReport Report, bool Current) Latest(RequestContext context) =>
        governed.Run(context, OperationKind.ReportRead, _ =>
        {
            var report = reports.FindLatestAccountabilityReport(context.TenantId)
                ?? throw FaceAccordException.NotFound("report-not-found", "This tenant has not published an accountability report; run 'faceaccord report accountability --publish'.");
            return (report, string.Equals(report.PackId, recognition.ModelId, StringComparison.Ordinal));
        });

    /// <summary>
    /// The figures of a transparency report for one tenant or all, over [from, until): an installation-wide reading of
    /// the audit log itself (like <c>audit verify</c>), so it is not an operation of any one tenant.
    /// </summary>
    public TransparencyFigures Transparency(Guid? tenantId, DateTimeOffset? from, DateTimeOffset? until) =>
        TransparencyFigures.Compute(governed.Audit, reports, tenantId, from, until);
}
