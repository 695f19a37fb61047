using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The human-review condition, enforced: a held identification answers 202 with a review case and no candidates, and
/// its candidates are released only after the required number of distinct reviewer keys (never the requester's) confirm.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ReviewTests(ServerFixture server)
{
    private static byte[] Face(string person, int n) => File.ReadAllBytes(TestPaths.Lfw(person, n));

    private string KeyId(string key) => server.Tenants.Authenticate(key)!.KeyId;

    /// <summary>A new reviewer key of <paramref name="tenant"/>, as 'faceaccord tenants keys add --role reviewer' issues it.</summary>
    private string ReviewerKey(Guid tenant) => server.Tenants.IssueKey(tenant, KeyRole.Reviewer).ApiKey;

    /// <summary>An EU (DE) commercial tenant, whose identifications need two reviewers (AI Act Art. 14(5)), with one gallery holding Colin Powell.</summary>
    private async Task<(Guid Tenant, string Requester, Guid Gallery, Guid Subject)> EuTenantAsync()
    {
        var (tenant, key) = server.Tenants.Create("EU " + Guid.NewGuid().ToString("N"), "commercial", "DE", "DE-BE", "Berlin");
        using var client = server.Client(key, "access-control");
        var gallery = await Api.CreateGalleryAsync(client, "review");
        var subject = await Api.CreateSubjectAsync(client, gallery, "colin");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", 1))).StatusCode);
        return (tenant.Id, key, gallery, subject);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid reviewCase, string decision, string? note = null) =>
        client.PostAsJsonAsync($"/v1/reviews/{reviewCase}/decisions", new { decision, note });

    private static async Task<Guid> IdentifyHeldAsync(HttpClient requester, Guid gallery)
    {
        using var response = await requester.PostAsync($"/v1/galleries/{gallery}/identify?fpir=1", Api.Form(("image", Face("Colin_Powell", 2))));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(ReviewService.PendingStatus, body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("candidates").GetArrayLength());
        var reviewCase = body.GetProperty("reviewCaseId").GetGuid();
        Assert.Equal($"/v1/reviews/{reviewCase}", response.Headers.Location?.OriginalString);
        return reviewCase;
    }

    [Fact]
    public async Task A_consequential_Washington_verification_answers_only_after_a_reviewer_confirms()
    {
        var (tenant, requesterKey) = server.Tenants.Create("Spokane benefits " + Guid.NewGuid().ToString("N")[..6], "public-agency", "US", "US-WA", "Spokane");
        server.Reports.Publish(server.Context(tenant), "# Accountability report of Spokane benefits");
        string reviewerKey = ReviewerKey(tenant.Id);
        using var requester = server.Client(requesterKey, "identity-verification");
        requester.DefaultRequestHeaders.Add("FaceAccord-Consequential", "true");
        using var reviewer = server.Client(reviewerKey, "identity-verification");
        var pair = Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2)));

        using var response = await requester.PostAsync("/v1/verify", pair);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {response.StatusCode}: {text}");
        var held = JsonDocument.Parse(text).RootElement;
        Assert.Equal(ReviewService.PendingStatus, held.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("similarity").ValueKind);
        Assert.Equal(JsonValueKind.Null, held.GetProperty("match").ValueKind);
        var reviewCase = held.GetProperty("reviewCaseId").GetGuid();
        Assert.Equal($"/v1/reviews/{reviewCase}", response.Headers.Location?.OriginalString);

        var (_, pending) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal("verify", pending.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("galleryId").ValueKind);
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("verification").ValueKind);
        await Api.AssertProblemAsync(await DecideAsync(requester, reviewCase, "confirm"), HttpStatusCode.Forbidden, "reviewer-role-required");
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("heldVerification").ValueKind);
        var (_, asReviewer) = await SendAsync(reviewer.GetAsync($"/v1/reviews/{reviewCase}"));
        var heldDecision = asReviewer.GetProperty("heldVerification");
        Assert.Equal(ReviewService.PendingStatus, heldDecision.GetProperty("status").GetString());

        var (status, released) = await SendAsync(DecideAsync(reviewer, reviewCase, "confirm"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ReviewStates.Released, released.GetProperty("status").GetString());
        var verification = released.GetProperty("verification");
        Assert.Equal(ReviewStates.Released, verification.GetProperty("status").GetString());

        // The release is audited as the requester's verification, with the reviewer's key.
        var closing = server.Audit.Export(new AuditQuery(tenant.Id)).Last().Record;
        Assert.Equal("verify", closing.Operation);
        Assert.Equal([KeyId(reviewerKey)], closing.ReviewerIds);

        // Without the consequential declaration no review condition applies: the answer comes at once.
        using var direct = server.Client(requesterKey, "identity-verification");
        var (plain, body) = await SendAsync(direct.PostAsync("/v1/verify", Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2)))));
        Assert.Equal(HttpStatusCode.OK, plain);
        Assert.Equal(VerifyResult.Complete, body.GetProperty("status").GetString());

        // What the reviewer saw and released is exactly the decision that was held.
        Assert.Equal(body.GetProperty("similarity").GetDouble(), heldDecision.GetProperty("similarity").GetDouble(), 6);
        Assert.Equal(body.GetProperty("match").GetBoolean(), heldDecision.GetProperty("match").GetBoolean());
        Assert.Equal(body.GetProperty("similarity").GetDouble(), verification.GetProperty("similarity").GetDouble(), 6);
        Assert.Equal(body.GetProperty("match").GetBoolean(), verification.GetProperty("match").GetBoolean());
        Assert.Equal(body.GetProperty("threshold").GetDouble(), verification.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task An_EU_identification_is_released_only_after_two_distinct_reviewers_confirm()
    {
        var (tenant, requesterKey, gallery, subject) = await EuTenantAsync();
        string first = ReviewerKey(tenant);
        string second = ReviewerKey(tenant);
        using var requester = server.Client(requesterKey, "access-control");
        using var reviewer1 = server.Client(first, "access-control");
        using var reviewer2 = server.Client(second, "access-control");

        var reviewCase = await IdentifyHeldAsync(requester, gallery);
        var (status, pending) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ReviewService.PendingStatus, pending.GetProperty("status").GetString());
        Assert.Equal(2, pending.GetProperty("requiredReviewers").GetInt32());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("result").ValueKind);

        await Api.AssertProblemAsync(await DecideAsync(requester, reviewCase, "confirm"), HttpStatusCode.Forbidden, "reviewer-role-required");

        var (s1, afterFirst) = await SendAsync(DecideAsync(reviewer1, reviewCase, "confirm", "same person"));
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(ReviewService.PendingStatus, afterFirst.GetProperty("status").GetString());
        Assert.Equal(1, afterFirst.GetProperty("confirmations").GetInt32());
        Assert.Equal(JsonValueKind.Null, afterFirst.GetProperty("result").ValueKind);

        // The same reviewer twice counts once: still pending, still nothing released.
        await Api.AssertProblemAsync(await DecideAsync(reviewer1, reviewCase, "confirm"), HttpStatusCode.Conflict, "reviewer-already-decided");
        var (_, stillPending) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(1, stillPending.GetProperty("confirmations").GetInt32());
        Assert.Equal(JsonValueKind.Null, stillPending.GetProperty("result").ValueKind);

        var (s2, released) = await SendAsync(DecideAsync(reviewer2, reviewCase, "confirm"));
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(ReviewStates.Released, released.GetProperty("status").GetString());
        var (_, read) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        var candidates = read.GetProperty("result").GetProperty("candidates");
        Assert.Equal(subject, candidates[0].GetProperty("subjectId").GetGuid());
        Assert.True(candidates[0].GetProperty("similarity").GetDouble() > 0);
        await Api.AssertProblemAsync(await DecideAsync(server.Client(ReviewerKey(tenant), "access-control"), reviewCase, "reject"),
            HttpStatusCode.Conflict, "review-closed");

        var log = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record).ToList();
        var held = log.Single(r => r.Operation == "identify" && r.Detail is { } d && d.GetProperty("status").GetString() == ReviewService.PendingStatus);
        Assert.Empty(held.CandidateSubjectIds);
        Assert.Equal([KeyId(first)], log.Where(r => r.Operation == OperationKind.Review.Name && r.Decision == AuditDecision.Allow).Take(1).SelectMany(r => r.ReviewerIds));
        var release = log.Single(r => r.Operation == "identify" && r.Detail is { } d && d.GetProperty("status").GetString() == ReviewStates.Released);
        Assert.Equal([subject], release.CandidateSubjectIds);
        Assert.Equal(new[] { KeyId(first), KeyId(second) }.Order(), release.ReviewerIds.Order());
        Assert.Equal(KeyId(requesterKey), release.KeyId);
        Assert.Contains(log, r => r.Operation == OperationKind.Review.Name && r.Decision == AuditDecision.Deny);
        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public async Task A_reviewer_key_sees_the_held_candidates_it_decides_on_and_that_disclosure_is_audited()
    {
        var (tenant, requesterKey, gallery, subject) = await EuTenantAsync();
        string reviewerKey = ReviewerKey(tenant);
        using var requester = server.Client(requesterKey, "access-control");
        using var reviewer = server.Client(reviewerKey, "access-control");
        var reviewCase = await IdentifyHeldAsync(requester, gallery);

        // The requester (an operator key) sees neither the released nor the held result while the case is pending.
        var (_, asRequester) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(JsonValueKind.Null, asRequester.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, asRequester.GetProperty("heldResult").ValueKind);

        var (status, asReviewer) = await SendAsync(reviewer.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, asReviewer.GetProperty("result").ValueKind);
        var held = asReviewer.GetProperty("heldResult");
        Assert.Equal(ReviewService.PendingStatus, held.GetProperty("status").GetString());
        Assert.Equal(subject, held.GetProperty("candidates")[0].GetProperty("subjectId").GetGuid());
        Assert.Equal("colin", held.GetProperty("candidates")[0].GetProperty("externalId").GetString());
        Assert.True(held.GetProperty("candidates")[0].GetProperty("similarity").GetDouble() > 0);

        var view = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record).Single(r => r.Operation == OperationKind.ReviewView.Name && r.KeyId == KeyId(reviewerKey));
        Assert.Equal(KeyId(reviewerKey), view.KeyId);
        Assert.Equal([subject], view.CandidateSubjectIds);
        Assert.Equal(gallery, view.GalleryId);

        // One confirmation of two: still pending, so the requester still sees nothing.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(DecideAsync(reviewer, reviewCase, "confirm"))).Status);
        var (_, stillHeld) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(JsonValueKind.Null, stillHeld.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, stillHeld.GetProperty("heldResult").ValueKind);
        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public async Task A_reviewer_key_can_do_nothing_but_review_and_a_revoked_one_nothing_at_all()
    {
        var (tenant, _, gallery, _) = await EuTenantAsync();
        var issued = server.Tenants.IssueKey(tenant, KeyRole.Reviewer);
        using var reviewer = server.Client(issued.ApiKey, "access-control");

        await Api.AssertProblemAsync(await reviewer.GetAsync("/v1/galleries"), HttpStatusCode.Forbidden, "key-role-forbidden");
        await Api.AssertProblemAsync(await reviewer.GetAsync("/V1/Galleries"), HttpStatusCode.Forbidden, "key-role-forbidden");
        await Api.AssertProblemAsync(await reviewer.GetAsync($"/V1/Reviews/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "review-not-found");
        var refusal = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record)
            .First(r => r.KeyId == issued.KeyId && r.Decision == AuditDecision.Deny);
        Assert.Equal((OperationKind.GalleryRead.Name, 403, "key-role-forbidden", "http"), (refusal.Operation, refusal.Status, refusal.Problem, refusal.Channel));
        Assert.Equal("key-role-forbidden", refusal.Detail!.Value.GetProperty("error").GetString());
        await Api.AssertProblemAsync(await reviewer.PostAsync($"/v1/galleries/{gallery}/identify?fpir=1", Api.Form(("image", Face("Colin_Powell", 2)))),
            HttpStatusCode.Forbidden, "key-role-forbidden");
        await Api.AssertProblemAsync(await reviewer.PostAsync("/v1/verify", Api.Form(("imageA", Face("Colin_Powell", 1)), ("imageB", Face("Colin_Powell", 2)))),
            HttpStatusCode.Forbidden, "key-role-forbidden");

        // The service refuses it too, whatever the transport, and the refusal is audited.
        var context = new RequestContext(server.Store.FindTenant(tenant)!, issued.KeyId, "access-control", Role: KeyRole.Reviewer);
        var refused = Assert.Throws<Core.FaceAccordException>(() => server.Identification.Identify(context, gallery, Face("Colin_Powell", 2), fpir: 1));
        Assert.Equal("key-role-forbidden", refused.Code);
        Assert.Contains(server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record),
            r => r.KeyId == issued.KeyId && r.Operation == "identify" && r.Decision == AuditDecision.Deny);

        server.Tenants.RevokeKey(tenant, issued.KeyId);
        await Api.AssertProblemAsync(await reviewer.GetAsync($"/v1/reviews/{Guid.NewGuid()}"), HttpStatusCode.Unauthorized, "api-key-invalid");
    }

    [Fact]
    public async Task A_reject_closes_the_case_and_its_candidates_are_never_released()
    {
        var (tenant, requesterKey, gallery, _) = await EuTenantAsync();
        using var requester = server.Client(requesterKey, "access-control");
        using var reviewer1 = server.Client(ReviewerKey(tenant), "access-control");
        using var reviewer2 = server.Client(ReviewerKey(tenant), "access-control");
        using var reviewer3 = server.Client(ReviewerKey(tenant), "access-control");
        var reviewCase = await IdentifyHeldAsync(requester, gallery);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(DecideAsync(reviewer1, reviewCase, "reject", "different person"))).Status);
        var (_, read) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(ReviewStates.Rejected, read.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("result").ValueKind);
        Assert.Equal("different person", read.GetProperty("decisions")[0].GetProperty("note").GetString());

        await Api.AssertProblemAsync(await DecideAsync(reviewer2, reviewCase, "confirm"), HttpStatusCode.Conflict, "review-closed");
        await Api.AssertProblemAsync(await DecideAsync(reviewer3, reviewCase, "confirm"), HttpStatusCode.Conflict, "review-closed");
        var (_, after) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("result").ValueKind);

        var closing = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record)
            .Single(r => r.Operation == "identify" && r.Detail is { } d && d.GetProperty("status").GetString() == ReviewStates.Rejected);
        Assert.Empty(closing.CandidateSubjectIds);
    }

    /// <summary>An EU tenant whose gallery holds three subjects enrolled with photos of one man, so a search of him holds all three.</summary>
    private async Task<(Guid Tenant, string Requester, Guid Gallery, Guid[] Subjects)> ThreeCandidatesAsync()
    {
        var (tenant, key) = server.Tenants.Create("EU " + Guid.NewGuid().ToString("N"), "commercial", "DE", "DE-BE", "Berlin");
        using var client = server.Client(key, "access-control");
        var gallery = await Api.CreateGalleryAsync(client, "review");
        var subjects = new List<Guid>();
        foreach (var (name, photo) in new[] { ("colin-a", 1), ("colin-b", 3), ("colin-c", 4) })
        {
            var subject = await Api.CreateSubjectAsync(client, gallery, name);
            Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", photo))).StatusCode);
            subjects.Add(subject);
        }

        return (tenant.Id, key, gallery, [.. subjects]);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid reviewCase, params object[] candidates) =>
        client.PostAsJsonAsync($"/v1/reviews/{reviewCase}/decisions", new { decision = "confirm", note = "compared the faces", candidates });

    [Fact]
    public async Task Two_reviewers_confirming_different_candidates_release_only_those_both_confirmed_and_none_in_common_rejects()
    {
        var (tenant, requesterKey, gallery, subjects) = await ThreeCandidatesAsync();
        var (a, b, c) = (subjects[0], subjects[1], subjects[2]);
        string first = ReviewerKey(tenant);
        string second = ReviewerKey(tenant);
        using var requester = server.Client(requesterKey, "access-control");
        using var reviewer1 = server.Client(first, "access-control");
        using var reviewer2 = server.Client(second, "access-control");

        var reviewCase = await IdentifyHeldAsync(requester, gallery);
        var (_, shown) = await SendAsync(reviewer1.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal(subjects.Order(), shown.GetProperty("heldResult").GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("subjectId").GetGuid()).Order());

        // Bad lists are refused before anything is recorded.
        await Api.AssertProblemAsync(await ConfirmAsync(reviewer1, reviewCase, Guid.NewGuid()), HttpStatusCode.BadRequest, "candidate-not-held");
        await Api.AssertProblemAsync(await ConfirmAsync(reviewer1, reviewCase, "not-an-id"), HttpStatusCode.BadRequest, "candidate-not-held");
        await Api.AssertProblemAsync(await ConfirmAsync(reviewer1, reviewCase), HttpStatusCode.BadRequest, "decision-candidates-invalid");
        await Api.AssertProblemAsync(await reviewer1.PostAsJsonAsync($"/v1/reviews/{reviewCase}/decisions", new { decision = "reject", candidates = new[] { a } }),
            HttpStatusCode.BadRequest, "decision-candidates-invalid");
        var (_, untouched) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Empty(untouched.GetProperty("decisions").EnumerateArray());

        var (s1, afterFirst) = await SendAsync(ConfirmAsync(reviewer1, reviewCase, a, b));
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(ReviewService.PendingStatus, afterFirst.GetProperty("status").GetString());
        Assert.Equal([a, b], afterFirst.GetProperty("decisions")[0].GetProperty("candidates").EnumerateArray().Select(x => x.GetGuid()));
        var (s2, released) = await SendAsync(ConfirmAsync(reviewer2, reviewCase, b, c));
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(ReviewStates.Released, released.GetProperty("status").GetString());
        var (_, read) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Equal([b], read.GetProperty("result").GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("subjectId").GetGuid()));

        var log = server.Audit.Export(new AuditQuery(tenant)).Select(e => e.Record).ToList();
        var decisions = log.Where(r => r.Operation == OperationKind.Review.Name && r.Decision == AuditDecision.Allow).ToList();
        Assert.Equal([a, b], decisions[0].Detail!.Value.GetProperty("confirmed").EnumerateArray().Select(x => x.GetGuid()));
        Assert.Equal([b, c], decisions[1].Detail!.Value.GetProperty("confirmed").EnumerateArray().Select(x => x.GetGuid()));
        var release = log.Single(r => r.Operation == "identify" && r.Detail is { } d && d.GetProperty("status").GetString() == ReviewStates.Released);
        Assert.Equal([b], release.CandidateSubjectIds);

        // No candidate in common: the case closes as rejected and releases nothing.
        var disjoint = await IdentifyHeldAsync(requester, gallery);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ConfirmAsync(reviewer1, disjoint, a))).Status);
        var (_, closed) = await SendAsync(ConfirmAsync(reviewer2, disjoint, c));
        Assert.Equal(ReviewStates.Rejected, closed.GetProperty("status").GetString());
        var (_, none) = await SendAsync(requester.GetAsync($"/v1/reviews/{disjoint}"));
        Assert.Equal(JsonValueKind.Null, none.GetProperty("result").ValueKind);
        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_decide_a_case_and_bad_decisions_are_refused()
    {
        var (tenant, requesterKey, gallery, _) = await EuTenantAsync();
        using var requester = server.Client(requesterKey, "access-control");
        var reviewCase = await IdentifyHeldAsync(requester, gallery);

        using var outsider = server.Client(server.KeyA, "access-control");
        await Api.AssertProblemAsync(await outsider.GetAsync($"/v1/reviews/{reviewCase}"), HttpStatusCode.NotFound, "review-not-found");
        using var outsideReviewer = server.Client(ReviewerKey(server.Tenants.Authenticate(server.KeyA)!.Tenant.Id), "access-control");
        await Api.AssertProblemAsync(await outsideReviewer.GetAsync($"/v1/reviews/{reviewCase}"), HttpStatusCode.NotFound, "review-not-found");
        await Api.AssertProblemAsync(await DecideAsync(outsideReviewer, reviewCase, "confirm"), HttpStatusCode.NotFound, "review-not-found");
        await Api.AssertProblemAsync(await requester.GetAsync("/v1/reviews/not-an-id"), HttpStatusCode.NotFound, "review-not-found");

        using var reviewer = server.Client(ReviewerKey(tenant), "access-control");
        await Api.AssertProblemAsync(await DecideAsync(reviewer, reviewCase, "maybe"), HttpStatusCode.BadRequest, "decision-invalid");
        await Api.AssertProblemAsync(await reviewer.PostAsync($"/v1/reviews/{reviewCase}/decisions", new StringContent("confirm")), HttpStatusCode.BadRequest, "unsupported-media-type");
        var (_, read) = await SendAsync(requester.GetAsync($"/v1/reviews/{reviewCase}"));
        Assert.Empty(read.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task A_tenant_without_a_review_condition_gets_its_candidates_at_once()
    {
        using var client = server.Client(server.KeyA, "access-control");
        var gallery = await Api.CreateGalleryAsync(client, "no-review-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "colin");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face("Colin_Powell", 1))).StatusCode);
        var found = await Api.IdentifyAsync(client, gallery, Face("Colin_Powell", 2), "fpir=1");
        Assert.Equal(IdentifyResult.Complete, found.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("reviewCaseId").ValueKind);
        Assert.Equal(subject, found.GetProperty("candidates")[0].GetProperty("subjectId").GetGuid());
    }
}
