using System.Net;
using FaceAccord.Storage;
using FaceAccord.Governance.Audit;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>Every face operation passes the policy engine first and the audit log last; refusals name their rules.</summary>
[Collection(ServerCollection.Name)]
public sealed class GovernanceTests(ServerFixture server)
{
    private static byte[] Face(string person, int n) => File.ReadAllBytes(TestPaths.Lfw(person, n));

    private HttpClient TenantClient(string sector, string country, string? region, string? city, string purpose, out Guid tenantId)
    {
        var (tenant, key) = server.Tenants.Create($"{sector} {city}", sector, country, region, city);
        tenantId = tenant.Id;
        return server.Client(key, purpose);
    }

    [Fact]
    public async Task US_law_enforcement_is_refused_by_the_vendor_moratorium_and_the_refusal_is_audited()
    {
        using var police = TenantClient("law-enforcement", "US", "US-TX", "Austin", "investigative-lead", out var tenant);
        var response = await police.PostAsync("/v1/verify", Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2))));
        var problem = await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden, "policy-denied");
        var rules = problem.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("pack").GetString()).ToList();
        Assert.Contains("vendor", rules);
        var entries = server.Audit.Export(new AuditQuery(tenant)).ToList();
        Assert.Contains(entries, e => e.Record.Operation == "verify" && e.Record.Decision == AuditDecision.Deny && e.Record.RuleIds.Count > 0);
    }

    [Fact]
    public async Task San_Francisco_departments_are_refused()
    {
        using var city = TenantClient("public-agency", "US", "US-CA", "San Francisco", "access-control", out _);
        var response = await city.PostAsync("/v1/detect", Api.Form(("image", Face("Colin_Powell", 1))));
        var problem = await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden, "policy-denied");
        Assert.Contains(problem.GetProperty("rules").EnumerateArray(), r => r.GetProperty("pack").GetString() == "us-ca-sf");
    }

    [Fact]
    public async Task An_unknown_purpose_is_a_malformed_request_naming_the_field()
    {
        using var client = server.Client(server.KeyA, "curiosity");
        var problem = await Api.AssertProblemAsync(await client.PostAsync("/v1/detect", Api.Form(("image", Face("Colin_Powell", 1)))), HttpStatusCode.BadRequest, "policy-request-invalid");
        Assert.Contains("purpose", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inferring_attributes_is_never_offered_and_identification_is_audited_with_its_candidates()
    {
        using var client = server.Client(server.KeyA, "access-control");
        var gallery = await Api.CreateGalleryAsync(client, "audit-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "colin");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", 1))).StatusCode);
        var found = await Api.IdentifyAsync(client, gallery, Face("Colin_Powell", 2), "fpir=1");
        Assert.Equal(subject, found.GetProperty("candidates")[0].GetProperty("subjectId").GetGuid());

        var entry = server.Audit.Export(new AuditQuery(server.TenantA)).Last(e => e.Record.Operation == "identify" && e.Record.GalleryId == gallery);
        Assert.Equal(AuditDecision.Allow, entry.Record.Decision);
        Assert.Contains(subject, entry.Record.CandidateSubjectIds);
        Assert.Equal("access-control", entry.Record.Purpose);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/galleries/{gallery}/subjects/{subject}")).StatusCode);
        var tombstone = server.Audit.Export(new AuditQuery(server.TenantA)).Last(e => e.Record.Operation == "delete" && e.Record.GalleryId == gallery);
        Assert.True(AuditTombstone.TryRead(tombstone.Record.Detail, out var t));
        Assert.Equal([subject], t!.SubjectIds);
        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public async Task A_condition_this_deployment_cannot_enforce_refuses_rather_than_pretends()
    {
        using var agency = TenantClient("public-agency", "US", "US-WA", "Seattle", "investigative-lead", out _);
        agency.DefaultRequestHeaders.Add("FaceAccord-Consequential", "true");
        var response = await agency.PostAsync("/v1/verify", Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2))));
        var problem = await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden, "condition-unmet");
        Assert.Contains("accountability report", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
