using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceAccord.Core;
using FaceAccord.Core.Telemetry;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Safeguards;

namespace FaceAccord.Service.Observability;

/// <summary>
/// The governed path's instruments on FaceAccord's meter: operations and their duration by operation and outcome,
/// identification candidates returned, review cases opened and closed with the time to decision, policy decisions
/// and the rules behind them, conditions left unmet, consent withdrawals, and the retention sweeper's runs. Labels
/// are operation names, outcomes, problem codes, pack and rule ids and condition types: never a person, an image or a
/// key; the tenant id only where <see cref="TelemetryOptions.TenantLabels"/> allows it.
/// </summary>
public static class OperationTelemetry
{
    private static readonly Counter<long> Operations = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.operations", "{operation}", "Governed operations, by operation, outcome, problem code and channel.");

    private static readonly Histogram<double> OperationDuration = FaceAccordTelemetry.Duration(
        "faceaccord.operation.duration", "Time of one governed operation, from the role check to the committed audit entry.");

    private static readonly Counter<long> Candidates = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.identification.candidates", "{candidate}", "Candidates returned by identifications (held results count when released).");

    private static readonly Counter<long> ReviewCases = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.review.cases", "{case}", "Review cases by event: opened, released, rejected.");

    private static readonly Histogram<double> ReviewDecisionTime = FaceAccordTelemetry.Meter.CreateHistogram(
        "faceaccord.review.decision_time", "s", "Time from a result being held to its case being released or rejected.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400] });

    private static readonly Counter<long> PolicyDecisions = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.policy.decisions", "{decision}", "Policy decisions by operation and result (allow, deny, condition-unmet, consent-invalid).");

    private static readonly Counter<long> PolicyRuleHits = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.policy.rule_hits", "{rule}", "Rules that spoke to a decision, by pack, rule id and effect.");

    private static readonly Counter<long> ConditionsUnmet = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.policy.conditions_unmet", "{condition}", "Policy conditions this deployment found unmet, by condition type.");

    private static readonly Counter<long> ConsentWithdrawals = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.consent.withdrawals", "{consent}", "Consents withdrawn (each deletes what rests on it).");

    private static readonly Counter<long> RetentionSweeps = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.retention.sweeps", "{sweep}", "Retention sweeps by result (ok, failed).");

    private static readonly Counter<long> SubjectsExpired = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.retention.subjects_expired", "{subject}", "Subjects the retention sweeper deleted at expiry.");

    private static DateTimeOffset? _lastSweep;

    static OperationTelemetry() =>
        FaceAccordTelemetry.Meter.CreateObservableGauge("faceaccord.retention.last_sweep",
            () => _lastSweep is { } at ? [new Measurement<double>(at.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "Unix time the last retention sweep finished without error.");

    internal static Activity? StartOperation(OperationKind kind)
    {
        var activity = FaceAccordTelemetry.Source.StartActivity(kind.Name);
        activity?.SetTag("faceaccord.operation", kind.Name);
        return activity;
    }

    internal static Activity? StartPolicy() => FaceAccordTelemetry.Source.StartActivity("policy");

    internal static Activity? StartStore() => FaceAccordTelemetry.Source.StartActivity("store");

    /// <summary>Records a finished operation: committed with <paramref name="scope"/>'s outcome, or refused or failed with <paramref name="failure"/>.</summary>
    internal static void Finished(OperationScope scope, Exception? failure, long startTimestamp, TelemetryOptions options, Activity? activity)
    {
        string outcome = failure switch
        {
            null => OutcomeName(scope.Outcome),
            FaceAccordException { Kind: ErrorKind.Denied } => "denied",
            FaceAccordException { Kind: ErrorKind.Internal or ErrorKind.Environment } or not FaceAccordException => "failed",
            _ => "rejected",
        };
        string problem = failure is null ? "" : failure is FaceAccordException fa ? fa.Code : "internal";
        var tags = new TagList
        {
            { "operation", scope.Kind.Name },
            { "outcome", outcome },
        };
        if (options.TenantLabels && scope.TenantId is { } tenant)
        {
            tags.Add("tenant", tenant.ToString());
        }

        OperationDuration.Record(FaceAccordTelemetry.SecondsSince(startTimestamp), tags);
        tags.Add("problem", problem);
        tags.Add("channel", scope.Channel.Name);
        Operations.Add(1, tags);
        activity?.SetTag("faceaccord.outcome", outcome);
        if (failure is not null)
        {
            activity?.SetTag("faceaccord.problem", problem);
            activity?.SetStatus(outcome == "failed" ? ActivityStatusCode.Error : ActivityStatusCode.Unset, problem);
            return;
        }

        if (scope.Kind == OperationKind.Identify && scope.Outcome == OperationOutcome.Completed)
        {
            Candidates.Add(scope.Candidates.Count);
        }

        if (scope.Outcome == OperationOutcome.Accepted)
        {
            ReviewCases.Add(1, new KeyValuePair<string, object?>("event", "opened"));
        }
    }

    /// <summary>Records the policy engine's decision on an operation and the rules behind it.</summary>
    internal static void Decided(string operation, string result, PolicyDecision decision, Activity? activity)
    {
        PolicyDecisions.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("result", result));
        foreach (var rule in decision.Rules)
        {
            PolicyRuleHits.Add(1, new KeyValuePair<string, object?>("pack", rule.Pack), new KeyValuePair<string, object?>("rule", rule.Id),
                new KeyValuePair<string, object?>("effect", rule.Effect));
        }

        activity?.SetTag("faceaccord.policy.result", result);
        activity?.SetTag("faceaccord.policy.rules", string.Join(',', decision.Rules.Select(r => r.Id)));
    }

    internal static void Unmet(IEnumerable<string> conditionTypes)
    {
        foreach (string type in conditionTypes)
        {
            ConditionsUnmet.Add(1, new KeyValuePair<string, object?>("condition", type));
        }
    }

    /// <summary>A review case closed: released or rejected, <paramref name="open"/> after it was held.</summary>
    internal static void ReviewClosed(string state, TimeSpan open, int releasedCandidates)
    {
        ReviewCases.Add(1, new KeyValuePair<string, object?>("event", state));
        ReviewDecisionTime.Record(Math.Max(0, open.TotalSeconds), new KeyValuePair<string, object?>("event", state));
        if (releasedCandidates > 0)
        {
            Candidates.Add(releasedCandidates);
        }
    }

    internal static void ConsentWithdrawn(int count) => ConsentWithdrawals.Add(count);

    internal static void Swept(int subjects, DateTimeOffset at)
    {
        RetentionSweeps.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        SubjectsExpired.Add(subjects);
        _lastSweep = at;
    }

    internal static void SweepFailed() => RetentionSweeps.Add(1, new KeyValuePair<string, object?>("result", "failed"));

    private static string OutcomeName(OperationOutcome outcome) => outcome switch
    {
        OperationOutcome.Created => "created",
        OperationOutcome.Accepted => "held-for-review",
        OperationOutcome.Deleted => "deleted",
        _ => "completed",
    };
}
