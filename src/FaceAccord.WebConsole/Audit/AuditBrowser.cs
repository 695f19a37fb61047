using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.WebConsole.Http;
using FaceAccord.WebConsole.Sessions;

namespace FaceAccord.WebConsole.Audit;

/// <summary>
/// The auditor's reading of the log: the tenant's entries that pass the filters, newest first, and the state of the
/// whole chain (recomputed, with its head hash to record elsewhere). Reading is itself an audited operation
/// (<c>audit-read</c>, operator keys only).
/// </summary>
public sealed class AuditBrowser(AuditLog audit, GovernedOperations governed, ConsoleOptions options)
{
    public AuditPageModel Read(ConsoleSession session, AuditFilter filter, bool everything = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(filter);
        return governed.Run(ConsoleRequest.Context(session, ConsoleRequest.AuditPurpose), OperationKind.AuditRead, scope =>
        {
            var matching = audit.Export(new AuditQuery(session.Tenant.Id, filter.FromTime, filter.UntilTime)).Where(e => filter.Matches(e.Record)).ToList();
            var chain = audit.Verify();
            scope.Detail = AuditRecords.Detail(new { filter = filter.QueryString(), entries = matching.Count, download = everything });
            matching.Reverse();
            return new AuditPageModel(filter, everything ? matching : [.. matching.Take(options.AuditPageSize)], matching.Count, chain);
        });
    }
}

/// <summary>What the audit page shows: the filter, the entries (newest first, at most a page), how many matched, and the chain's state.</summary>
public sealed record AuditPageModel(AuditFilter Filter, IReadOnlyList<AuditEntry> Entries, int Matching, AuditVerification Chain);
