using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The accountability report quotes the pack, its hashes and its calibration as they are, and publishing it is what
/// lets a Washington agency use the service (RCW 43.386.020).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AccountabilityReportTests(ServerFixture server)
{
    private static byte[] Face(string person, int n) => File.ReadAllBytes(TestPaths.Lfw(person, n));

    [Fact]
    public void The_report_names_the_pack_every_model_hash_and_the_calibrated_thresholds()
    {
        var (tenant, _) = server.Service.Tenants.Create("Records office", "public-agency", "US", "US-WA", "Seattle");
        string md = MarkdownReportRenderer.Render(AccountabilityReport.Build(server.Service, tenant, DateTimeOffset.UtcNow));

        var pack = server.Service.Pipeline.Pack.Manifest;
        Assert.Contains(pack.PackId, md, StringComparison.Ordinal);
        Assert.Contains(server.Service.Pipeline.ModelId, md, StringComparison.Ordinal);
        Assert.All(pack.Models, m => Assert.Contains(m.Sha256, md, StringComparison.Ordinal));
        Assert.All(pack.Models.SelectMany(m => m.SourceFiles), s => Assert.Contains(s.Sha256, md, StringComparison.Ordinal));

        // The thresholds are those of the calibration file on disk, not of anything held in memory.
        var calibration = Packs.Calibration.CalibrationFile.Load(Packs.Calibration.PackCalibration.PathFor(server.Service.Pipeline));
        Assert.NotEmpty(calibration.Thresholds);
        foreach (var row in calibration.Thresholds.Where(r => r.WorstGroup is not null))
        {
            Assert.Contains($"| {G(row.TargetFmr)} | {G(row.WorstGroup!.Threshold)} |", md, StringComparison.Ordinal);
            Assert.All(row.Groups, g => Assert.Contains($"{G(g.Threshold)} / {G(g.Fmr)}", md, StringComparison.Ordinal));
        }

        Assert.Contains("us-wa-sb6280", md, StringComparison.Ordinal);
        Assert.Contains("No independent fairness evaluation was given", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_management_states_each_gallerys_retention_and_who_can_review()
    {
        var (tenant, key) = server.Service.Tenants.Create("Benefits office", "public-agency", "US", "US-WA", "Tacoma");
        var context = new RequestContext(tenant, server.Service.Tenants.Authenticate(key)!.KeyId, "identity-verification");
        server.Service.CreateGallery(context, "claimants", retentionDays: 365);
        server.Service.CreateGallery(context, "staff");
        server.Service.Tenants.IssueKey(tenant.Id, ApiKeyRoles.Reviewer, AuditRecord.CliKeyId);
        var revoked = server.Service.Tenants.IssueKey(tenant.Id, ApiKeyRoles.Reviewer, AuditRecord.CliKeyId);
        server.Service.Tenants.RevokeKey(tenant.Id, revoked.KeyId, AuditRecord.CliKeyId);

        string md = MarkdownReportRenderer.Render(AccountabilityReport.Build(server.Service, tenant, DateTimeOffset.UtcNow));

        Assert.Matches(@"\| claimants \| 0 \| [^|]+ \| [^|]+ \| 365 days after a subject's last interaction \|", md);
        Assert.Matches(@"\| staff \| 0 \| [^|]+ \| [^|]+ \| no gallery limit \(policy limits apply\) \|", md);
        Assert.Contains("Active keys now: 1 operator, 1 reviewer.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_a_hostile_tenant_name_and_inlines_its_chart()
    {
        var (tenant, _) = server.Service.Tenants.Create("<script>alert('x')</script>", "public-agency", "US", "US-WA", "Seattle");
        string fairness = WriteFairness();
        var doc = AccountabilityReport.Build(server.Service, tenant, DateTimeOffset.UtcNow, FairnessFile.Load(fairness), fairness);
        string html = HtmlReportRenderer.Render(doc);
        string md = MarkdownReportRenderer.Render(doc);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBOR", html, StringComparison.Ordinal);
        Assert.Contains("| group=a | 3 | 10 | 1,000 | 0.002 \\[0.001, 0.003\\] | 0.1 \\[0.05, 0.15\\] |", md, StringComparison.Ordinal);
        Assert.Contains("| **Highest / lowest group FMR** | 4 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_fairness_files_are_refused_with_their_own_codes()
    {
        Assert.Equal("fairness-not-found", Assert.Throws<FaceAccordException>(() => FairnessFile.Load(Path.Combine(server.DataRoot, "nope.json"))).Code);
        string garbage = Path.Combine(server.DataRoot, $"garbage-{Guid.NewGuid():N}.json");
        File.WriteAllText(garbage, "{ not json");
        Assert.Equal("fairness-invalid", Assert.Throws<FaceAccordException>(() => FairnessFile.Load(garbage)).Code);
        File.WriteAllText(garbage, "{\"seed\": 1}");
        Assert.Equal("fairness-invalid", Assert.Throws<FaceAccordException>(() => FairnessFile.Load(garbage)).Code);
    }

    [Fact]
    public void A_Washington_agency_is_refused_until_it_publishes_its_report_then_served()
    {
        var (tenant, _) = server.Service.Tenants.Create("Seattle records", "public-agency", "US", "US-WA", "Seattle");
        var context = new RequestContext(tenant, "cli", "investigative-lead");
        var service = server.Service;
        var gallery = service.CreateGallery(context, "records");

        var detect = Assert.Throws<FaceAccordException>(() => service.Detect(context, Face("Colin_Powell", 1), "probe"));
        Assert.Equal("condition-unmet", detect.Code);
        Assert.Contains("accountability report", detect.Message, StringComparison.Ordinal);
        Assert.Equal("condition-unmet", Assert.Throws<FaceAccordException>(() => service.Identify(context, gallery.Id, Face("Colin_Powell", 1), fpir: 1)).Code);
        Assert.Equal("condition-unmet", Assert.Throws<FaceAccordException>(() => service.CreateSubject(context, gallery.Id, "colin", new LegalBasis("consent", "form-1"))).Code);

        // Another tenant's report does not count for this one.
        var (other, _) = service.Tenants.Create("Tacoma records", "public-agency", "US", "US-WA", "Tacoma");
        AccountabilityPublisher.Publish(service, other, "# other");
        Assert.Throws<FaceAccordException>(() => service.Detect(context, Face("Colin_Powell", 1), "probe"));

        string markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(service, tenant, DateTimeOffset.UtcNow));
        var published = AccountabilityPublisher.Publish(service, tenant, markdown);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown))), published.Sha256);
        var stored = ((IReportStore)service.Store).FindLatestAccountabilityReport(tenant.Id, service.Pipeline.ModelId)!;
        Assert.Equal(markdown, stored.Markdown);
        Assert.Equal(published.Id, stored.Id);
        var entry = service.Gate.Audit.Export(new AuditQuery(tenant.Id)).Last();
        Assert.Equal(AccountabilityPublisher.Operation, entry.Record.Operation);
        Assert.Equal(published.Sha256, entry.Record.Detail!.Value.GetProperty("sha256").GetString());

        Assert.NotEmpty(service.Detect(context, Face("Colin_Powell", 1), "probe").Faces);
        var subject = service.CreateSubject(context, gallery.Id, "colin", legalBasis: null);
        service.EnrollFace(context, gallery.Id, subject.Id, Face("Colin_Powell", 1), "image/jpeg");
        var found = service.Identify(context, gallery.Id, Face("Colin_Powell", 2), fpir: 1);
        Assert.Equal(subject.Id, found.Candidates[0].SubjectId);
    }

    [Fact]
    public async Task Over_http_the_same_agency_gets_403_before_and_200_after_publishing()
    {
        var (tenant, key) = server.Service.Tenants.Create("Olympia records", "public-agency", "US", "US-WA", "Olympia");
        using var client = server.Client(key, "investigative-lead");
        var before = await client.PostAsync("/v1/detect", Api.Form(("image", Face("Colin_Powell", 1))));
        await Api.AssertProblemAsync(before, HttpStatusCode.Forbidden, "condition-unmet");
        await Api.AssertProblemAsync(await client.GetAsync("/v1/reports/accountability"), HttpStatusCode.NotFound, "report-not-found");

        var published = AccountabilityPublisher.Publish(server.Service, tenant, MarkdownReportRenderer.Render(AccountabilityReport.Build(server.Service, tenant, DateTimeOffset.UtcNow)));
        var after = await client.PostAsync("/v1/detect", Api.Form(("image", Face("Colin_Powell", 1))));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        var filed = JsonDocument.Parse(await client.GetStringAsync("/v1/reports/accountability")).RootElement;
        Assert.Equal(published.Sha256, filed.GetProperty("sha256").GetString());
        Assert.True(filed.GetProperty("current").GetBoolean());
        Assert.Equal(published.Sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filed.GetProperty("markdown").GetString()!))));

        // Another tenant sees its own (none), never this one's.
        using var other = server.Client(server.KeyB, "identity-verification");
        await Api.AssertProblemAsync(await other.GetAsync("/v1/reports/accountability"), HttpStatusCode.NotFound, "report-not-found");
    }

    private static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A small fairness.json in the shape 'faceaccord fairness --out' writes, with two groups of known rates.</summary>
    private string WriteFairness()
    {
        string path = Path.Combine(server.DataRoot, $"fairness-{Guid.NewGuid():N}.json");
        string json = $$"""
        {
          "model": "{{server.Service.Pipeline.ModelId}}", "manifest": "m.csv", "seed": 0, "maxImpostorsPerGroup": 1000,
          "targetFmr": 0.001, "threshold": 0.93, "calibration": "worst-group", "bootstrapResamples": 200, "confidenceLevel": 0.95,
          "images": 40, "imagesWithoutFace": 0,
          "breakdowns": [{
            "columns": ["group"], "unlabelledImages": 0,
            "groups": [
              { "group": "group=a", "images": 20, "subjects": 3, "genuinePairs": 10, "impostorPairs": 1000, "falseMatches": 2, "falseNonMatches": 1,
                "failedGenuine": 0, "failedImpostor": 0, "fmr": 0.002, "fmrLower": 0.001, "fmrUpper": 0.003, "fnmr": 0.1, "fnmrLower": 0.05, "fnmrUpper": 0.15, "fnmrAtFmr": [] },
              { "group": "group=b", "images": 20, "subjects": 3, "genuinePairs": 10, "impostorPairs": 2000, "falseMatches": 1, "falseNonMatches": 2,
                "failedGenuine": 0, "failedImpostor": 0, "fmr": 0.0005, "fmrLower": 0, "fmrUpper": 0.001, "fnmr": 0.2, "fnmrLower": 0.1, "fnmrUpper": 0.3, "fnmrAtFmr": [] }
            ],
            "summary": null,
            "fmrDifferentials": { "groups": 2, "fmrMaxMinRatio": 4, "fmrInequity": 2, "giniFmr": 0.6, "fmrMaxDifference": 0.0015 },
            "summaryNote": "test data"
          }],
          "worstGroup": null
        }
        """;
        File.WriteAllText(path, json);
        return path;
    }
}
