using FaceAccord.Governance.Policies;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service.Tests;

/// <summary>Human review carried out by the services themselves, whatever front end asks.</summary>
public sealed class ReviewServiceTests
{
    /// <summary>
    /// A Washington agency (RCW 43.386.050) needs one reviewer for a consequential identification. The built-in pack
    /// also asks for an accountability report, which this deployment cannot yet attest, so the WA pack is loaded here
    /// without that rule, as for an agency whose report is on file.
    /// </summary>
    [Fact]
    public void A_Washington_agency_consequential_identification_needs_one_reviewer_other_than_the_requester()
    {
        string yaml;
        using (var embedded = typeof(PolicyEngine).Assembly.GetManifestResourceStream("policies/us-wa-sb6280.yaml")!)
        using (var reader = new StreamReader(embedded))
        {
            yaml = reader.ReadToEnd();
        }

        int from = yaml.IndexOf("  - id: us-wa-sb6280-accountability-report", StringComparison.Ordinal);
        int to = yaml.IndexOf("  - id: us-wa-sb6280-human-review", StringComparison.Ordinal);
        Assert.True(from > 0 && to > from);
        var wa = PolicyPack.Parse(yaml.Remove(from, to - from), "us-wa-sb6280 (report on file)");
        var engine = PolicyEngine.Load(BuiltInPolicyPacks.All.Where(p => p.Id != wa.Id).Append(wa));

        using var f = new ServiceFixture(services => services.AddSingleton(engine));
        var (tenant, requesterKey) = f.Tenants.Create("Seattle PD records", "public-agency", "US", "US-WA", "Seattle");
        string reviewerKey = f.Tenants.IssueKey(tenant.Id, KeyRole.Reviewer).ApiKey;
        var requester = new RequestContext(tenant, f.Tenants.Authenticate(requesterKey)!.KeyId, "identity-verification", Consequential: true);
        var reviewer = requester with { KeyId = f.Tenants.Authenticate(reviewerKey)!.KeyId, Role = KeyRole.Reviewer };

        var gallery = f.Galleries.Create(requester, "records");
        var consent = f.Consents.Record(requester, new RecordConsentRequest("colin", ["identity-verification"], "notice-1", null, "We keep your face template.",
            "written", "form-17"));
        var subject = f.Enrolment.CreateSubject(requester, gallery.Id, "colin", new LegalBasis("consent", consent.Id.ToString()));
        f.Enrolment.EnrollFace(requester, gallery.Id, subject.Id, File.ReadAllBytes(TestPaths.Lfw("Colin_Powell", 1)), "image/jpeg");

        var held = f.Identification.Identify(requester, gallery.Id, File.ReadAllBytes(TestPaths.Lfw("Colin_Powell", 2)), fpir: 1);
        Assert.Equal(ReviewService.PendingStatus, held.Status);
        Assert.Empty(held.Candidates);
        var reviewCase = held.ReviewCaseId!.Value;
        Assert.Equal(1, f.Reviews.Get(requester, reviewCase).RequiredReviewers);

        var operatorKey = Assert.Throws<FaceAccordException>(() => f.Reviews.Decide(requester, reviewCase, new ReviewDecisionRequest("confirm", null)));
        Assert.Equal("reviewer-role-required", operatorKey.Code);

        // Keys have one role, so a requester is never a reviewer; should one ever be both, the store still refuses.
        var own = Assert.Throws<FaceAccordException>(() => f.Reviews.Decide(requester with { Role = KeyRole.Reviewer }, reviewCase, new ReviewDecisionRequest("confirm", null)));
        Assert.Equal("reviewer-is-requester", own.Code);
        Assert.Null(f.Reviews.Get(requester, reviewCase).Result);

        var released = f.Reviews.Decide(reviewer, reviewCase, new ReviewDecisionRequest("confirm", null));
        Assert.Equal(ReviewStates.Released, released.Status);
        Assert.Equal(subject.Id, Assert.Single(released.Result!.Candidates).SubjectId);

        // Not consequential: no review condition, candidates at once.
        var direct = f.Identification.Identify(requester with { Consequential = false }, gallery.Id, File.ReadAllBytes(TestPaths.Lfw("Colin_Powell", 2)), fpir: 1);
        Assert.Equal(IdentifyResult.Complete, direct.Status);
        Assert.Equal(subject.Id, direct.Candidates[0].SubjectId);
    }
}
