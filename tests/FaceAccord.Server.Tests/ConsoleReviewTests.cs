using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Reviewing in the web console: the queue lists a held identification, the case page shows the candidate with its
/// enrolled face and what the threshold means, two reviewers confirm it through the form (the requester and an
/// operator cannot), the requester's result is released, and each view and decision is audited on the console channel.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleReviewTests(ServerFixture server)
{
    private static byte[] Face(string person, int n) => File.ReadAllBytes(TestPaths.Lfw(person, n));

    /// <summary>An EU tenant (two reviewers required) with a gallery that keeps images, Colin Powell enrolled, and a held identification.</summary>
    private async Task<(Guid Tenant, string Requester, Guid Case, Guid Subject)> HeldCaseAsync()
    {
        var (tenant, key) = server.Tenants.Create("EU console " + Guid.NewGuid().ToString("N")[..6], "commercial", "DE", "DE-BE", "Berlin");
        using var client = server.Client(key, "access-control");
        var created = await client.PostAsJsonAsync("/v1/galleries", new { name = "door", storeImages = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var gallery = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var subject = await Api.CreateSubjectAsync(client, gallery, "colin");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", 1))).StatusCode);
        using var held = await client.PostAsync($"/v1/galleries/{gallery}/identify?fpir=1", Api.Form(("image", Face("Colin_Powell", 2))));
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        var reviewCase = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewCaseId").GetGuid();
        return (tenant.Id, key, reviewCase, subject);
    }

    [Fact]
    public async Task Two_reviewers_confirm_a_held_identification_in_the_console_and_the_requester_gets_the_result()
    {
        var (tenant, requesterKey, reviewCase, subject) = await HeldCaseAsync();
        var first = server.Tenants.IssueKey(tenant, KeyRole.Reviewer);
        var second = server.Tenants.IssueKey(tenant, KeyRole.Reviewer);
        using var reviewer1 = new ConsoleBrowser(server.BaseAddress);
        using var reviewer2 = new ConsoleBrowser(server.BaseAddress);
        using var requester = new ConsoleBrowser(server.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer1.SignInAsync(first.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer2.SignInAsync(second.ApiKey)).StatusCode);
        Assert.Equal("/console/audit", (await requester.SignInAsync(requesterKey)).Headers.Location?.OriginalString);

        var (_, queue) = await reviewer1.GetAsync("/console/reviews");
        Assert.Contains("<caption>Pending reviews</caption>", queue, StringComparison.Ordinal);
        Assert.Contains($"/console/reviews/{reviewCase}", queue, StringComparison.Ordinal);
        Assert.Contains("0 of 2", queue, StringComparison.Ordinal);

        var (casePage, html) = await reviewer1.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Equal(HttpStatusCode.OK, casePage.StatusCode);
        Assert.Contains("Enrolled: colin", html, StringComparison.Ordinal);
        Assert.Contains("closed-set search without a threshold", html, StringComparison.Ordinal);
        Assert.Contains("Two-person rule", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Quality of the held face</caption>", html, StringComparison.Ordinal);
        Assert.Contains("Would pass enrolment", html, StringComparison.Ordinal);
        Assert.Contains(">Confirm match</button>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"reason\">Reason</label>", html, StringComparison.Ordinal);
        // Probe crop and candidate crop side by side, each a 192 px JPEG served no-store; the enrolled photo one click away.
        string probeUrl = $"/console/reviews/{reviewCase}/probe/probe";
        string cropUrl = $"/console/reviews/{reviewCase}/candidates/{subject}/face";
        Assert.Contains($"<img src=\"{probeUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{cropUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/reviews/{reviewCase}/candidates/{subject}/photo\"", html, StringComparison.Ordinal);
        foreach (string url in new[] { probeUrl, cropUrl })
        {
            using var crop = await reviewer1.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
            Assert.Equal("image/jpeg", crop.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", crop.Headers.CacheControl?.ToString());
            Assert.Equal((192, 192), JpegSize(await crop.Content.ReadAsByteArrayAsync()));
        }

        using var image = await reviewer1.Http.GetAsync($"/console/reviews/{reviewCase}/candidates/{subject}/photo");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.StartsWith("image/", image.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        // The requester's operator key sees no held result and no decision form, and a post it forges is refused by the governed path.
        var (_, asRequester) = await requester.GetAsync($"/console/reviews/{reviewCase}");
        Assert.DoesNotContain("Enrolled: colin", asRequester, StringComparison.Ordinal);
        Assert.Contains("Only reviewer keys decide", asRequester, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await requester.Http.GetAsync(cropUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await requester.Http.GetAsync(probeUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer1.Http.GetAsync($"/console/reviews/{reviewCase}/probe/image-a")).StatusCode);
        var (forbidden, refusal) = await requester.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "confirm", ["reason"] = "mine" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Only a reviewer key may decide", refusal, StringComparison.Ordinal);

        // An odd reason is stored and shown escaped; a 10,000-character one is refused in words.
        var (tooLong, tooLongHtml) = await reviewer1.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "confirm", ["reason"] = new string('x', 10_000) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 1000 characters", tooLongHtml, StringComparison.Ordinal);
        var (control, controlHtml) = await reviewer1.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "confirm", ["reason"] = "same\u0007person" });
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Contains("control characters", controlHtml, StringComparison.Ordinal);
        var (confirmed, _) = await reviewer1.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "confirm", ["reason"] = "<script>alert(1)</script> same ears & chin" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var (_, afterFirst) = await reviewer1.GetAsync($"/console/reviews/{reviewCase}?decided=1");
        Assert.Contains("Your decision was recorded.", afterFirst, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; same ears &amp; chin", afterFirst, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", afterFirst, StringComparison.Ordinal);
        Assert.Contains("You have already decided this case", afterFirst, StringComparison.Ordinal);

        var (_, page2) = await reviewer2.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Contains("Enrolled: colin", page2, StringComparison.Ordinal);
        var (released, _) = await reviewer2.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "confirm", ["reason"] = "same person" });
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var (_, closed) = await reviewer2.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Contains("already released; it cannot be decided again", closed, StringComparison.Ordinal);

        using var api = server.Client(requesterKey, "access-control");
        var result = await api.GetFromJsonAsync<JsonElement>($"/v1/reviews/{reviewCase}");
        Assert.Equal("released", result.GetProperty("status").GetString());
        Assert.Equal(subject, result.GetProperty("result").GetProperty("candidates")[0].GetProperty("subjectId").GetGuid());
        Assert.False(result.GetProperty("result").TryGetProperty("heldQuality", out _), "the reviewers' quality measures leaked into the API's result");

        var log = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record).ToList();
        Assert.Equal(2, log.Count(r => r.Operation == "review" && r.Decision == AuditDecision.Allow && r.Channel == "console"));
        Assert.Contains(log, r => r.Operation == "review-view" && r.KeyId == first.KeyId && r.CandidateSubjectIds.Contains(subject));
        Assert.Contains(log, r => r.Operation == "review-view" && r.KeyId == first.KeyId && r.Channel == "console" && Crop(r) == "probe");
        Assert.Contains(log, r => r.Operation == "review-view" && r.KeyId == first.KeyId && Crop(r) == "candidate" && r.CandidateSubjectIds.Contains(subject));
        Assert.Contains(log, r => r.Operation == "review-view" && r.KeyId != first.KeyId && r.KeyId != second.KeyId && r.Decision != AuditDecision.Allow && r.Channel == "console");
        Assert.Contains(log, r => r.Operation == "review" && r.Decision == AuditDecision.Deny && r.Channel == "console");
        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public async Task A_reviewer_clears_one_candidates_box_and_only_the_candidates_both_reviewers_ticked_are_released()
    {
        var (created, key) = server.Tenants.Create("EU console " + Guid.NewGuid().ToString("N")[..6], "commercial", "DE", "DE-BE", "Berlin");
        var tenant = created.Id;
        using var client = server.Client(key, "access-control");
        var gallery = await Api.CreateGalleryAsync(client, "door");
        var subjects = new List<Guid>();
        foreach (var (name, photo) in new[] { ("colin-a", 1), ("colin-b", 3), ("colin-c", 4) })
        {
            var subject = await Api.CreateSubjectAsync(client, gallery, name);
            Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", photo))).StatusCode);
            subjects.Add(subject);
        }

        using var held = await client.PostAsync($"/v1/galleries/{gallery}/identify?fpir=1", Api.Form(("image", Face("Colin_Powell", 2))));
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        var reviewCase = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewCaseId").GetGuid();
        using var reviewer1 = new ConsoleBrowser(server.BaseAddress);
        using var reviewer2 = new ConsoleBrowser(server.BaseAddress);
        await reviewer1.SignInAsync(server.Tenants.IssueKey(tenant, KeyRole.Reviewer).ApiKey);
        await reviewer2.SignInAsync(server.Tenants.IssueKey(tenant, KeyRole.Reviewer).ApiKey);

        var (_, html) = await reviewer1.GetAsync($"/console/reviews/{reviewCase}");
        foreach (var (subject, name) in subjects.Zip(new[] { "colin-a", "colin-b", "colin-c" }))
        {
            Assert.Contains($"<input type=\"checkbox\" id=\"candidate-{subject}\" name=\"candidates\" value=\"{subject}\" checked />", html, StringComparison.Ordinal);
            Assert.Contains($"<label for=\"candidate-{subject}\">Same person: {name}</label>", html, StringComparison.Ordinal);
        }

        string path = $"/console/reviews/{reviewCase}/decisions";
        static List<KeyValuePair<string, string>> Form(string reason, params Guid[] ticked) =>
            [new("decision", "confirm"), new("reason", reason), new("candidatesListed", "1"), .. ticked.Select(t => new KeyValuePair<string, string>("candidates", t.ToString()))];

        var (none, noneHtml) = await reviewer1.PostFieldsAsync(path, Form("none of them"));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("No candidate is ticked", noneHtml, StringComparison.Ordinal);

        // Reviewer 1 clears colin-c's box; reviewer 2 leaves all three ticked.
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer1.PostFieldsAsync(path, Form("c is someone else", subjects[0], subjects[1]))).Response.StatusCode);
        var (_, page2) = await reviewer2.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Contains("Confirmed 2 named candidate(s)", page2, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer2.PostFieldsAsync(path, Form("all three", [.. subjects]))).Response.StatusCode);

        var result = await client.GetFromJsonAsync<JsonElement>($"/v1/reviews/{reviewCase}");
        Assert.Equal("released", result.GetProperty("status").GetString());
        Assert.Equal(subjects.Take(2).Order(), result.GetProperty("result").GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("subjectId").GetGuid()).Order());
        var release = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record)
            .Single(r => r.Operation == "identify" && r.Detail is { } d && d.GetProperty("status").GetString() == "released");
        Assert.Equal(subjects.Take(2).Order(), release.CandidateSubjectIds.Order());
    }

    private static string? Crop(AuditRecord r) =>
        r.Detail is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("crop", out var crop) ? crop.GetString() : null;

    /// <summary>Width and height from a JPEG's start-of-frame marker.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        Assert.True(jpeg.Length > 4 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        int i = 2;
        while (i + 9 < jpeg.Length)
        {
            byte marker = jpeg[i + 1];
            int length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + length;
        }

        throw new InvalidDataException("No start-of-frame marker in the JPEG.");
    }

    [Fact]
    public async Task A_held_verification_shows_both_faces_and_their_quality_to_the_reviewer()
    {
        // A Washington agency's consequential verification is held for one reviewer (RCW 43.386.050).
        var (tenant, requesterKey) = server.Tenants.Create("Spokane console " + Guid.NewGuid().ToString("N")[..6], "public-agency", "US", "US-WA", "Spokane");
        server.Reports.Publish(server.Context(tenant), "# Accountability report of Spokane console");
        using var requester = server.Client(requesterKey, "identity-verification");
        requester.DefaultRequestHeaders.Add("FaceAccord-Consequential", "true");
        using var held = await requester.PostAsync("/v1/verify", Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2))));
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        var reviewCase = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewCaseId").GetGuid();

        using var reviewer = new ConsoleBrowser(server.BaseAddress);
        await reviewer.SignInAsync(server.Tenants.IssueKey(tenant.Id, KeyRole.Reviewer).ApiKey);
        var (_, html) = await reviewer.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Contains("<caption>Quality of the held faces</caption>", html, StringComparison.Ordinal);
        foreach (string slot in new[] { "image-a", "image-b" })
        {
            string url = $"/console/reviews/{reviewCase}/probe/{slot}";
            Assert.Contains($"<img src=\"{url}\"", html, StringComparison.Ordinal);
            using var crop = await reviewer.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
            Assert.Equal((192, 192), JpegSize(await crop.Content.ReadAsByteArrayAsync()));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Http.GetAsync($"/console/reviews/{reviewCase}/probe/probe")).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_rejects_a_case_and_another_tenants_case_is_not_found()
    {
        var (tenant, _, reviewCase, _) = await HeldCaseAsync();
        using var reviewer = new ConsoleBrowser(server.BaseAddress);
        await reviewer.SignInAsync(server.Tenants.IssueKey(tenant, KeyRole.Reviewer).ApiKey);
        await reviewer.GetAsync($"/console/reviews/{reviewCase}");
        var (rejected, _) = await reviewer.PostAsync($"/console/reviews/{reviewCase}/decisions", new() { ["decision"] = "reject", ["reason"] = "different person" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var (_, html) = await reviewer.GetAsync($"/console/reviews/{reviewCase}");
        Assert.Contains("Rejected: a reviewer rejected it", html, StringComparison.Ordinal);
        var (_, queue) = await reviewer.GetAsync("/console/reviews");
        Assert.DoesNotContain(reviewCase.ToString(), queue, StringComparison.Ordinal);

        var (otherTenant, _, otherCase, _) = await HeldCaseAsync();
        Assert.NotEqual(tenant, otherTenant);
        var (foreign, foreignHtml) = await reviewer.GetAsync($"/console/reviews/{otherCase}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("There is no such case", foreignHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/console/reviews/{Guid.NewGuid()}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Http.GetAsync($"/console/reviews/{otherCase}/probe/probe")).StatusCode);

        // A rejected case keeps its probe crop for the crop period, still for this tenant's reviewers only.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.GetAsync($"/console/reviews/{reviewCase}/probe/probe")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/console/audit")).Response.StatusCode);
    }

    [Fact]
    public async Task An_operator_browses_and_filters_the_audit_log_with_the_chain_state_and_downloads_it()
    {
        var (tenant, requesterKey, _, _) = await HeldCaseAsync();
        using var auditor = new ConsoleBrowser(server.BaseAddress);
        await auditor.SignInAsync(requesterKey);
        var (page, html) = await auditor.GetAsync("/console/audit?operation=identify");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Intact.", html, StringComparison.Ordinal);
        // The head shown is the chain's head when the page was read, just before the page's own audit-read entry.
        var entries = server.Audit.Export().ToList();
        Assert.Equal("audit-read", entries[^1].Record.Operation);
        Assert.Contains(entries[^2].EntryHashHex, html, StringComparison.Ordinal);
        Assert.Contains("<td>identify</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>gallery-create</td>", html, StringComparison.Ordinal);
        using var download = await auditor.Http.GetAsync("/console/audit/export?operation=identify");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("\"identify\"", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (bad, badHtml) = await auditor.GetAsync("/console/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("is not a date like 2026-06-01", badHtml, StringComparison.Ordinal);
        Assert.Contains(server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record), r => r.Operation == "audit-read" && r.Channel == "console");
    }
}
