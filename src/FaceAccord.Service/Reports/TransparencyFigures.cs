using System.Text.Json;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Reports;

/// <summary>
/// The counts of a transparency report, taken from the audit log (requests, decisions, denials, candidates,
/// reviewers' decisions) and the review store (cases and the matches they held), for one period and one tenant or all.
/// </summary>
public sealed record TransparencyFigures(
    DateTimeOffset? From,
    DateTimeOffset? Until,
    AuditVerification Chain,
    IReadOnlyList<TransparencyFigures.RequestLine> Requests,
    IReadOnlyList<TransparencyFigures.DenialLine> Denials,
    int IdentifyCandidatesReturned,
    TransparencyFigures.ReviewCounts Reviews,
    int ReportsPublished)
{
    /// <summary>Requests of one purpose and operation, by decision.</summary>
    public sealed record RequestLine(string Purpose, string Operation, int Allowed, int Denied, int Errors)
    {
        public int Total => Allowed + Denied + Errors;
    }

    /// <summary>How often a rule stood behind a refusal, and whether it denied outright or its condition was unmet.</summary>
    public sealed record DenialLine(string RuleId, string Kind, int Count);

    /// <summary>Review cases opened in the period, where they stand now, and the held matches behind them.</summary>
    public sealed record ReviewCounts(int Opened, int Released, int Rejected, int Pending, int HeldMatches, int MatchesRejected, int Confirmations, int Rejections);

    /// <summary>The purpose a request line carries when its entry declared none.</summary>
    public const string NoPurpose = "(none)";

    /// <summary>Refusal kind of a rule that denied the operation.</summary>
    public const string PolicyDenied = "policy-denied";

    /// <summary>Refusal kind of a rule whose condition was not met.</summary>
    public const string ConditionUnmet = "condition-unmet";

    /// <summary>Refusal kind of a reviewer key asking for an operator's operation (no rule: separation of duties).</summary>
    public const string KeyRoleForbidden = OperationKind.KeyRoleForbidden;

    public int Allowed => Requests.Sum(r => r.Allowed);

    public int Denied => Requests.Sum(r => r.Denied);

    public int Errors => Requests.Sum(r => r.Errors);

    /// <summary>Verifies the whole chain first, then counts the entries and cases of the period (from inclusive, until exclusive).</summary>
    public static TransparencyFigures Compute(AuditLog audit, IReportStore store, Guid? tenantId, DateTimeOffset? from, DateTimeOffset? until)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(store);
        var chain = audit.Verify();
        var requests = new Dictionary<(string Purpose, string Operation), int[]>();
        var denials = new Dictionary<(string Rule, string Kind), int>();
        int candidates = 0, confirmations = 0, rejections = 0, published = 0;
        foreach (AuditEntry entry in audit.Export(new AuditQuery(tenantId, from, until)))
        {
            AuditRecord r = entry.Record;
            if (r.Operation == OperationKind.Review.Name)
            {
                string? decision = Property(r.Detail, "decision");
                confirmations += r.Decision == AuditDecision.Allow && decision == ReviewDecisionRecord.Confirm ? 1 : 0;
                rejections += r.Decision == AuditDecision.Allow && decision == ReviewDecisionRecord.Reject ? 1 : 0;
                continue;
            }

            if (r.Operation == OperationKind.ReportPublish.Name)
            {
                published += r.Decision == AuditDecision.Allow ? 1 : 0;
                continue;
            }

            // Keys issued, listed and revoked are administration, not requests about faces.
            if (OperationKind.KeyAdministration.Contains(r.Operation))
            {
                continue;
            }

            // The retention sweeper's tombstones are the system keeping its own limits, not anyone's request.
            if (r.KeyId == AuditRecords.RetentionSweeperKeyId)
            {
                continue;
            }

            if (r.Operation == "identify" && r.Decision == AuditDecision.Allow)
            {
                candidates += r.CandidateCount ?? r.CandidateSubjectIds.Count;
            }

            // The entry that closes a held identification reports its outcome; the request was counted when it was made.
            if (Property(r.Detail, "reviewCase") is not null && Property(r.Detail, "status") is ReviewStates.Released or ReviewStates.Rejected)
            {
                continue;
            }

            var key = (r.Purpose ?? NoPurpose, r.Operation);
            if (!requests.TryGetValue(key, out int[]? counts))
            {
                requests[key] = counts = new int[3];
            }

            counts[(int)r.Decision]++;
            if (r.Decision == AuditDecision.Deny)
            {
                string kind = r.Problem == ConditionUnmet || (r.Detail is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("unmet", out _)) ? ConditionUnmet
                    : (r.Problem ?? Property(r.Detail, "error")) is KeyRoleForbidden or OperationKind.ReviewerRoleRequired ? KeyRoleForbidden : PolicyDenied;
                foreach (string rule in r.RuleIds.Count == 0 ? ["(no rule)"] : r.RuleIds)
                {
                    denials[(rule, kind)] = denials.GetValueOrDefault((rule, kind)) + 1;
                }
            }
        }

        var cases = store.ListReviewCases(tenantId, from, until);
        int HeldIn(ReviewCase c) => HeldMatches(c.ResultJson);
        var reviews = new ReviewCounts(
            cases.Count,
            cases.Count(c => c.State == ReviewStates.Released),
            cases.Count(c => c.State == ReviewStates.Rejected),
            cases.Count(c => c.State == ReviewStates.Pending),
            cases.Sum(HeldIn),
            cases.Where(c => c.State == ReviewStates.Rejected).Sum(HeldIn),
            confirmations,
            rejections);

        return new TransparencyFigures(
            from,
            until,
            chain,
            [.. requests.OrderBy(p => p.Key.Purpose, StringComparer.Ordinal).ThenBy(p => p.Key.Operation, StringComparer.Ordinal)
                .Select(p => new RequestLine(p.Key.Purpose, p.Key.Operation, p.Value[0], p.Value[1], p.Value[2]))],
            [.. denials.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Rule, StringComparer.Ordinal)
                .Select(p => new DenialLine(p.Key.Rule, p.Key.Kind, p.Value))],
            candidates,
            reviews,
            published);
    }

    private static string? Property(JsonElement? detail, string name) =>
        detail is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

    /// <summary>
    /// The matches a held result contained (the store keeps the result as the service's JSON): an identification's
    /// candidates, or one for a verification that matched.
    /// </summary>
    private static int HeldMatches(string resultJson)
    {
        using var doc = JsonDocument.Parse(resultJson);
        var root = doc.RootElement;
        if (root.TryGetProperty("candidates", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.GetArrayLength();
        }

        return root.TryGetProperty("match", out var match) && match.ValueKind == JsonValueKind.True ? 1 : 0;
    }
}
