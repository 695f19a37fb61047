using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAccord.Core;
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
        var (tenant, _) = server.Tenants.Create("Records office", "public-agency", "US", "US-WA", "Seattle");
        string md = MarkdownReportRenderer.Render(server.Reports.BuildAccountability(server.Context(tenant)));

        var pack = server.Recognition.Pipeline.Pack.Manifest;
        Assert.Contains(pack.PackId, md, StringComparison.Ordinal);
        Assert.Contains(server.Recognition.ModelId, md, StringComparison.Ordinal);
        Assert.All(pack.Models, m => Assert.Contains(m.Sha256, md, StringComparison.Ordinal));
        Assert.All(pack.Models.SelectMany(m => m.SourceFiles), s => Assert.Contains(s.Sha256, md, StringComparison.Ordinal));

        // The thresholds are those of the calibration file on disk, not of anything held in memory.
        var calibration = Packs.Calibration.CalibrationFile.Load(Packs.Calibration.PackCalibration.PathFor(server.Recognition.Pipeline));
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
        var (tenant, key) = server.Tenants.Create("Benefits office", "public-agency", "US", "US-WA", "Tacoma");
        var context = new RequestContext(tenant, server.Tenants.Authenticate(key)!.KeyId, "identity-verification");
        server.Galleries.Create(context, "claimants", retentionDays: 365);
        server.Galleries.Create(context, "staff");
        server.Tenants.IssueKey(tenant.Id, KeyRole.Reviewer);
        var revoked = server.Tenants.IssueKey(tenant.Id, KeyRole.Reviewer);
        server.Tenants.RevokeKey(tenant.Id, revoked.KeyId);

        string md = MarkdownReportRenderer.Render(server.Reports.BuildAccountability(context));

        Assert.Matches(@"\| claimants \| 0 \| [^|]+ \| [^|]+ \| 365 days after a subject's last interaction \|", md);
        Assert.Matches(@"\| staff \| 0 \| [^|]+ \| [^|]+ \| no gallery limit \(policy limits apply\) \|", md);
        Assert.Contains("Active keys now: 1 operator, 1 reviewer.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Washington_agency_is_refused_until_it_publishes_its_report_then_served()
    {
        var (tenant, _) = server.Tenants.Create("Seattle records", "public-agency", "US", "US-WA", "Seattle");
        var context = new RequestContext(tenant, "cli", "investigative-lead");
        var gallery = server.Galleries.Create(context, "records");

        var detect = Assert.Throws<FaceAccordException>(() => server.Identification.Detect(context, Face("Colin_Powell", 1), "probe"));
        Assert.Equal("condition-unmet", detect.Code);
        Assert.Contains("accountability report", detect.Message, StringComparison.Ordinal);
        Assert.Equal("condition-unmet", Assert.Throws<FaceAccordException>(() => server.Identification.Identify(context, gallery.Id, Face("Colin_Powell", 1), fpir: 1)).Code);
        Assert.Equal("condition-unmet", Assert.Throws<FaceAccordException>(() => server.Enrolment.CreateSubject(context, gallery.Id, "colin", new LegalBasis("consent", "form-1"))).Code);

        // Another tenant's report does not count for this one.
        var (other, _) = server.Tenants.Create("Tacoma records", "public-agency", "US", "US-WA", "Tacoma");
        server.Reports.Publish(server.Context(other), "# other");
        Assert.Throws<FaceAccordException>(() => server.Identification.Detect(context, Face("Colin_Powell", 1), "probe"));

        string markdown = MarkdownReportRenderer.Render(server.Reports.BuildAccountability(context));
        var published = server.Reports.Publish(context, markdown);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown))), published.Sha256);
        var stored = server.Store.FindLatestAccountabilityReport(tenant.Id, server.Recognition.ModelId)!;
        Assert.Equal(markdown, stored.Markdown);
        Assert.Equal(published.Id, stored.Id);
        var entry = server.Audit.Export(new AuditQuery(tenant.Id)).Last();
        Assert.Equal(OperationKind.ReportPublish.Name, entry.Record.Operation);
        Assert.Equal(published.Sha256, entry.Record.Detail!.Value.GetProperty("sha256").GetString());

        Assert.NotEmpty(server.Identification.Detect(context, Face("Colin_Powell", 1), "probe").Faces);
        var subject = server.Enrolment.CreateSubject(context, gallery.Id, "colin", legalBasis: null);
        server.Enrolment.EnrollFace(context, gallery.Id, subject.Id, Face("Colin_Powell", 1), "image/jpeg");
        var found = server.Identification.Identify(context, gallery.Id, Face("Colin_Powell", 2), fpir: 1);
        Assert.Equal(subject.Id, found.Candidates[0].SubjectId);
    }

    [Fact]
    public async Task Over_http_the_same_agency_gets_403_before_and_200_after_publishing()
    {
        var (tenant, key) = server.Tenants.Create("Olympia records", "public-agency", "US", "US-WA", "Olympia");
        using var client = server.Client(key, "investigative-lead");
        var before = await client.PostAsync("/v1/detect", Api.Form(("image", Face("Colin_Powell", 1))));
        await Api.AssertProblemAsync(before, HttpStatusCode.Forbidden, "condition-unmet");
        await Api.AssertProblemAsync(await client.GetAsync("/v1/reports/accountability"), HttpStatusCode.NotFound, "report-not-found");

        var published = server.Reports.Publish(server.Context(tenant), MarkdownReportRenderer.Render(server.Reports.BuildAccountability(server.Context(tenant))));
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
}
