using System.Globalization;

namespace FaceAccord.Service.Reports;

/// <summary>
/// The public account of how the service was used over a period: requests by purpose, what was allowed and refused
/// and by which rule, what identification returned and what human reviewers stopped, with the audit chain's state.
/// </summary>
public static class TransparencyReport
{
    public static ReportDocument Build(TransparencyFigures figures, string scope, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(scope);
        var doc = new ReportDocument("Transparency report");
        var chain = figures.Chain;
        if (!chain.Intact)
        {
            doc.Warning($"The audit log's hash chain is BROKEN at entry {chain.Break!.Sequence} ({chain.Break.Code}): {chain.Break.Explanation}. "
                + "The figures below are counted from records that may have been altered or removed.");
        }

        doc.Facts([
            ("Scope", scope),
            ("Period", $"{Time(figures.From) ?? "the first record"} to {Time(figures.Until) ?? "now"} (end exclusive)"),
            ("Generated", Time(generatedAt)!),
            ("Audit chain", chain.Intact
                ? $"intact: {N(chain.Count)} entries verified, head hash {chain.HeadHashHex}"
                : $"broken at entry {chain.Break!.Sequence}; {N(chain.Count)} entries before it verified"),
        ]);

        doc.Heading("Requests and decisions");
        doc.Facts([
            ("Requests", N(figures.Allowed + figures.Denied + figures.Errors)),
            ("Allowed", N(figures.Allowed)),
            ("Denied", N(figures.Denied)),
            ("Failed (error)", N(figures.Errors)),
            ("Identification candidates returned", N(figures.IdentifyCandidatesReturned)),
            ("Accountability reports published", N(figures.ReportsPublished)),
        ]);
        if (figures.Requests.Count == 0)
        {
            doc.Text("No requests were recorded in this period.");
        }
        else
        {
            doc.Table(["Purpose", "Operation", "Requests", "Allowed", "Denied", "Errors"],
                figures.Requests.Select(r => (IReadOnlyList<string>)[r.Purpose, r.Operation, N(r.Total), N(r.Allowed), N(r.Denied), N(r.Errors)]));
        }

        doc.Heading("Denials by rule");
        if (figures.Denials.Count == 0)
        {
            doc.Text("No request was denied in this period.");
        }
        else
        {
            doc.Text("A request refused under several rules counts once under each. policy-denied: the rule forbids the operation; "
                + "condition-unmet: the rule allows it only under a condition that was not met.");
            doc.Table(["Rule", "Refusal", "Requests"], figures.Denials.Select(d => (IReadOnlyList<string>)[d.RuleId, d.Kind, N(d.Count)]));
        }

        var rv = figures.Reviews;
        doc.Heading("Human review");
        doc.Facts([
            ("Identifications and verifications held for review", N(rv.Opened)),
            ("Released after confirmation", N(rv.Released)),
            ("Rejected by a reviewer", N(rv.Rejected)),
            ("Still pending", N(rv.Pending)),
            ("Matches held", N(rv.HeldMatches)),
            ("Matches reviewers rejected", N(rv.MatchesRejected)),
            ("Reviewer decisions: confirm", N(rv.Confirmations)),
            ("Reviewer decisions: reject", N(rv.Rejections)),
        ]);
        doc.Text("Cases are counted by when they were opened and shown as they stand now; cases of galleries deleted since are no longer kept and not counted.");
        return doc;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
