using FaceAccord.Core;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Safeguards;
using FaceAccord.WebConsole.Http;
using FaceAccord.WebConsole.Sessions;

namespace FaceAccord.WebConsole.Reports;

/// <summary>
/// The reports an auditor reads in the console, built from the system's records by <see cref="ReportService"/> as the
/// command line builds them: the tenant's transparency report (all time), its accountability report (quoting the latest
/// fairness evaluation when the server was given one) and that fairness evaluation on its own. Reading one is audited
/// (<c>report-read</c> for the transparency figures and the fairness evaluation; building the accountability report is
/// its own operation).
/// </summary>
public sealed class ConsoleReports(ReportService reports, GovernedOperations governed, TimeProvider clock)
{
    public const string Transparency = "transparency";
    public const string Accountability = "accountability";
    public const string Fairness = "fairness";

    public ReportDocument Build(ConsoleSession session, string kind)
    {
        ArgumentNullException.ThrowIfNull(session);
        var context = ConsoleRequest.Context(session, ConsoleRequest.AuditPurpose);
        return kind switch
        {
            Accountability => reports.BuildAccountabilityWithLatestFairness(context),
            Fairness => reports.BuildFairness(context),
            Transparency => governed.Run(context, OperationKind.ReportRead, scope =>
            {
                scope.Detail = AuditRecords.Detail(new { report = Transparency });
                var figures = reports.Transparency(session.Tenant.Id, null, null);
                return TransparencyReport.Build(figures, $"{session.Tenant.Profile.Name} ({session.Tenant.Id})", clock.GetUtcNow());
            }),
            _ => throw FaceAccordException.NotFound("report-not-found", $"There is no report '{kind}'; the console shows the transparency, accountability and fairness reports."),
        };
    }
}
