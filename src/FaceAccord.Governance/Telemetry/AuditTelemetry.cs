using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceAccord.Core.Telemetry;
using FaceAccord.Governance.Audit;

namespace FaceAccord.Governance.Telemetry;

/// <summary>
/// The audit log's instruments: entries appended by decision, verifications by result, and gauges of the last
/// verification in this process (intact or not, the head's height, when it ran), so an alert can fire on a broken chain
/// and on a verification that stopped running.
/// </summary>
public static class AuditTelemetry
{
    private static readonly Counter<long> Appends = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.audit.appends", "{entry}", "Audit entries appended, by decision (allow, deny, error).");

    private static readonly Counter<long> Verifications = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.audit.verifications", "{verification}", "Audit chain verifications, by result (intact, broken).");

    private static LastVerification? _last;

    static AuditTelemetry()
    {
        FaceAccordTelemetry.Meter.CreateObservableGauge("faceaccord.audit.verification.intact",
            () => _last is { } last ? [new Measurement<int>(last.Intact ? 1 : 0)] : Array.Empty<Measurement<int>>(),
            unit: null, description: "1 when the last audit chain verification found the chain intact, 0 when it found a break.");
        FaceAccordTelemetry.Meter.CreateObservableGauge("faceaccord.audit.verification.head",
            () => _last is { } last ? [new Measurement<long>(last.Height)] : Array.Empty<Measurement<long>>(),
            unit: "{entry}", description: "Entries the last audit chain verification covered (the height of the head it reached).");
        FaceAccordTelemetry.Meter.CreateObservableGauge("faceaccord.audit.verification.last_run",
            () => _last is { } last ? [new Measurement<double>(last.At.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "Unix time of the last audit chain verification.");
    }

    internal static Activity? StartAppend() => FaceAccordTelemetry.Source.StartActivity("audit");

    internal static void Appended(AuditDecision decision) =>
        Appends.Add(1, new KeyValuePair<string, object?>("decision", decision switch
        {
            AuditDecision.Allow => "allow",
            AuditDecision.Deny => "deny",
            _ => "error",
        }));

    internal static void Verified(AuditVerification result, DateTimeOffset at)
    {
        Verifications.Add(1, new KeyValuePair<string, object?>("result", result.Intact ? "intact" : "broken"));
        _last = new LastVerification(result.Intact, result.Count, at);
    }

    private sealed record LastVerification(bool Intact, long Height, DateTimeOffset At);
}
