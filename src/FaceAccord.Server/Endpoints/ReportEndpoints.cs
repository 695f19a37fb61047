using FaceAccord.Server.Http;
using FaceAccord.Service.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>
/// <c>GET /v1/reports/accountability</c>: the caller's latest published accountability report, so the public record
/// an agency filed (RCW 43.386.020) can be fetched from the service it describes and checked against its SHA-256.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/reports/accountability", (HttpContext http, ReportService reports) =>
        {
            var (report, current) = reports.Latest(Caller.Required(http));
            return TypedResults.Ok(new PublishedReportView(report.Id, report.CreatedAt, report.PackId, current, report.Sha256, report.Markdown));
        })
        .WithName("get-accountability-report")
        .WithSummary("The tenant's latest published accountability report (Markdown with its SHA-256); 404 report-not-found when none was published.")
        .Produces<PublishedReportView>();
        return v1;
    }

    /// <summary>A published report as the API shows it; <paramref name="Current"/> says whether it covers the model now in use.</summary>
    public sealed record PublishedReportView(Guid Id, DateTimeOffset CreatedAt, string PackId, bool Current, string Sha256, string Markdown);
}
