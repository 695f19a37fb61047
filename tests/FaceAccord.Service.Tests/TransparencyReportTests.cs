using System.Text.Json;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Reports;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Service.Tests;

/// <summary>The transparency report counts exactly what the audit log and the review store hold, and says so loudly when the chain is broken.</summary>
public sealed class TransparencyReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-transparency-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteFaceStore _store;
    private readonly AuditLog _audit;
    private readonly Tenant _a;
    private readonly Tenant _b;
    private readonly DateTimeOffset _cutoff;

    public TransparencyReportTests()
    {
        Directory.CreateDirectory(_dir);
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        _store = SqliteFaceStore.Open(Path.Combine(_dir, "faceaccord.db"), clock);
        _audit = new AuditLog(_store, clock);
        _a = _store.CreateTenant(new TenantProfile("Agency <script>alert(1)</script>", "public-agency", "US", "US-WA", "Seattle"));
        _b = _store.CreateTenant(new TenantProfile("Shop", "commercial", "US", "US-CA", "Oakland"));
        var gallery = _store.CreateGallery(_a.Id, "records", "m", false);

        Append(_a, "detect", "access-control", AuditDecision.Allow);
        Append(_a, "detect", "access-control", AuditDecision.Allow);
        Append(_a, "detect", "access-control", AuditDecision.Error);
        Append(_a, "verify", "access-control", AuditDecision.Deny, ["us-wa-sb6280-accountability-report"], new { unmet = new[] { "publish a report" } });
        Append(_a, "identify", "investigative-lead", AuditDecision.Deny, ["rule-deny-1", "rule-deny-2"]);
        Append(_a, "identify", "investigative-lead", AuditDecision.Allow, candidates: [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]);
        Append(_a, "identify", "investigative-lead", AuditDecision.Allow, detail: new { reviewCase = Guid.NewGuid(), status = "pending-review", held = 2, reviewers = 1 });
        Append(_a, "review", "investigative-lead", AuditDecision.Allow, detail: new { decision = "confirm", status = "released" });
        Append(_a, "review", "investigative-lead", AuditDecision.Allow, detail: new { decision = "reject", status = "rejected" });
        Append(_a, "review", "investigative-lead", AuditDecision.Deny, detail: new { decision = "confirm", error = "reviewer-is-requester" });

        // The entry closing a released case returns its candidates but is not a second request.
        Append(_a, "identify", "investigative-lead", AuditDecision.Allow, candidates: [Guid.NewGuid(), Guid.NewGuid()], detail: new { reviewCase = Guid.NewGuid(), status = "released" });
        _audit.Append(new AuditRecord { TenantId = _a.Id, KeyId = "cli", Operation = Safeguards.OperationKind.ReportPublish.Name, Decision = AuditDecision.Allow });
        Append(_b, "detect", "access-control", AuditDecision.Allow);

        var released = Case(gallery, 2);
        _store.RecordReviewDecision(_a.Id, released.Id, new ReviewDecisionRecord("k-reviewer", ReviewDecisionRecord.Confirm, null, DateTimeOffset.UtcNow));
        var rejected = Case(gallery, 1);
        _store.RecordReviewDecision(_a.Id, rejected.Id, new ReviewDecisionRecord("k-reviewer", ReviewDecisionRecord.Reject, null, DateTimeOffset.UtcNow));
        Case(gallery, 4);

        _cutoff = clock.GetUtcNow();
        Append(_a, "detect", "access-control", AuditDecision.Allow);
        Case(gallery, 5);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Counts_match_the_records_of_the_tenant_and_period_exactly()
    {
        var f = TransparencyFigures.Compute(_audit, _store, _a.Id, null, _cutoff);

        Assert.True(f.Chain.Intact);
        Assert.Equal(
            [
                new TransparencyFigures.RequestLine("access-control", "detect", 2, 0, 1),
                new TransparencyFigures.RequestLine("access-control", "verify", 0, 1, 0),
                new TransparencyFigures.RequestLine("investigative-lead", "identify", 2, 1, 0),
            ],
            f.Requests);
        Assert.Equal((4, 2, 1), (f.Allowed, f.Denied, f.Errors));
        Assert.Equal(
            [
                new TransparencyFigures.DenialLine("rule-deny-1", TransparencyFigures.PolicyDenied, 1),
                new TransparencyFigures.DenialLine("rule-deny-2", TransparencyFigures.PolicyDenied, 1),
                new TransparencyFigures.DenialLine("us-wa-sb6280-accountability-report", TransparencyFigures.ConditionUnmet, 1),
            ],
            f.Denials);
        Assert.Equal(5, f.IdentifyCandidatesReturned);
        Assert.Equal(new TransparencyFigures.ReviewCounts(Opened: 3, Released: 1, Rejected: 1, Pending: 1, HeldMatches: 7, MatchesRejected: 1, Confirmations: 1, Rejections: 1), f.Reviews);
        Assert.Equal(1, f.ReportsPublished);
    }

    [Fact]
    public void All_tenants_and_an_open_period_take_in_the_other_records()
    {
        var all = TransparencyFigures.Compute(_audit, _store, null, null, _cutoff);
        Assert.Equal(3, all.Requests.Single(r => r.Operation == "detect").Allowed);

        var open = TransparencyFigures.Compute(_audit, _store, _a.Id, null, null);
        Assert.Equal(3, open.Requests.Single(r => r.Operation == "detect").Allowed);
        Assert.Equal(4, open.Reviews.Opened);
        Assert.Equal(4 + 2 + 1 + 5, open.Reviews.HeldMatches);

        var later = TransparencyFigures.Compute(_audit, _store, _a.Id, _cutoff, null);
        Assert.Equal([new TransparencyFigures.RequestLine("access-control", "detect", 1, 0, 0)], later.Requests);
        Assert.Equal(1, later.Reviews.Opened);
        Assert.Equal(0, later.ReportsPublished);
    }

    [Fact]
    public void Both_renderings_carry_the_counts_and_escape_what_records_hold()
    {
        var f = TransparencyFigures.Compute(_audit, _store, _a.Id, null, _cutoff);
        var doc = TransparencyReport.Build(f, _a.Profile.Name, DateTimeOffset.UtcNow);
        string md = MarkdownReportRenderer.Render(doc);
        string html = HtmlReportRenderer.Render(doc);

        Assert.Contains("| **Matches reviewers rejected** | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("| access-control | detect | 3 | 2 | 0 | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("<th>Identification candidates returned</th><td>5</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_chain_is_stated_first_and_prominently()
    {
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _store.DatabasePath, Pooling = false }.ToString()))
        {
            raw.Open();
            using var tamper = raw.CreateCommand();
            tamper.CommandText = "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET purpose = 'marketing' WHERE seq = 2;";
            tamper.ExecuteNonQuery();
        }

        var f = TransparencyFigures.Compute(_audit, _store, _a.Id, null, null);
        Assert.False(f.Chain.Intact);
        string md = MarkdownReportRenderer.Render(TransparencyReport.Build(f, "all", DateTimeOffset.UtcNow));
        string html = HtmlReportRenderer.Render(TransparencyReport.Build(f, "all", DateTimeOffset.UtcNow));
        Assert.StartsWith("# Transparency report\n\n> **Warning:** The audit log's hash chain is BROKEN at entry 2", md, StringComparison.Ordinal);
        Assert.Contains("class=\"warning\"", html, StringComparison.Ordinal);
    }

    private void Append(Tenant tenant, string operation, string purpose, AuditDecision decision, IReadOnlyList<string>? rules = null, object? detail = null, IReadOnlyList<Guid>? candidates = null) =>
        _audit.Append(new AuditRecord
        {
            TenantId = tenant.Id,
            KeyId = "k-requester",
            Operation = operation,
            Purpose = purpose,
            Mode = "one-off",
            Decision = decision,
            RuleIds = rules ?? [],
            CandidateSubjectIds = candidates ?? [],
            Detail = detail is null ? null : JsonSerializer.SerializeToElement(detail),
        });

    private ReviewCase Case(Gallery gallery, int candidates) => _store.CreateReviewCase(new NewReviewCase(
        _a.Id, gallery.Id, "k-requester", "investigative-lead", "one-off", null, 1,
        JsonSerializer.Serialize(new { candidates = Enumerable.Range(0, candidates).Select(i => new { subjectId = Guid.NewGuid(), externalId = $"s{i}", similarity = 0.9 }) })));
}
