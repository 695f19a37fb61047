using FaceAccord.Governance.Audit;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service.Tests;

/// <summary>
/// Crops kept for review on a real store with real LFW faces: which tenants keep enrolled crops (the policy rule), that a
/// crop is an aligned face a person can judge, who may see probe and candidate crops (audited as views), the sweep of
/// probe crops a period after the decision, and deletion of enrolled crops by erasure and consent withdrawal.
/// </summary>
public sealed class ReviewCropTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly ServiceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static RequestContext Berlin(ServiceFixture f) => f.Tenant("commercial", "DE", "DE-BE", "Berlin", purpose: "access-control");

    private RequestContext Reviewer(RequestContext context) =>
        context with { KeyId = _f.Tenants.IssueKey(context.TenantId, KeyRole.Reviewer).KeyId, Role = KeyRole.Reviewer };

    /// <summary>Enrols the first image that passes the enrolment quality rule, never the last (kept as a probe); its face id.</summary>
    private static Guid Enroll(ServiceFixture f, RequestContext context, Guid gallery, Guid subject, string[] images)
    {
        for (int i = 0; i < images.Length - 1; i++)
        {
            try
            {
                return f.Enrolment.EnrollFace(context, gallery, subject, File.ReadAllBytes(images[i]), "image/jpeg").FaceId;
            }
            catch (FaceAccordException e) when (e.Code == "quality-refused")
            {
                // The enrolment quality rule at work; the next image may pass.
            }
        }

        throw new InvalidOperationException($"No image of {images[0]} passes the enrolment quality rule; pick another seed.");
    }

    private long Crops(Guid gallery) => _f.Count("SELECT count(*) FROM face_crops c JOIN faces f ON f.key = c.face_key WHERE f.gallery_id = $id;", gallery);

    [Fact]
    public void Tenants_whose_identifications_can_be_held_keep_an_aligned_crop_of_each_face_and_others_keep_none()
    {
        var rule = _f.Get<ReviewCropRule>();
        var berlin = Berlin(_f);
        var oakland = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        Assert.True(rule.KeepsEnrolledCrops(berlin.Tenant)); // AI Act Art. 14(5): every identification, two reviewers
        Assert.True(rule.KeepsEnrolledCrops(_f.Tenant("public-agency", "US", "US-WA", "Seattle").Tenant)); // RCW 43.386.050: consequential ones
        Assert.False(rule.KeepsEnrolledCrops(oakland.Tenant));

        var (name, images) = LfwPeople.Sample(1, n => n >= 4, seed: 21)[0];
        var kept = _f.Galleries.Create(berlin, "door");
        var subject = _f.Enrolment.CreateSubject(berlin, kept.Id, name, null);
        var face = Enroll(_f, berlin, kept.Id, subject.Id, images);
        var none = _f.Galleries.Create(oakland, "door");
        var elsewhere = _f.Enrolment.CreateSubject(oakland, none.Id, name, null);
        Enroll(_f, oakland, none.Id, elsewhere.Id, images);

        Assert.Equal(1, Crops(kept.Id));
        Assert.Equal(0, Crops(none.Id));
        Assert.Equal(0, _f.Count("SELECT count(*) FROM face_images i JOIN faces f ON f.key = i.face_key WHERE f.gallery_id = $id;", kept.Id));

        // A crop is a JPEG of the aligned face at the size the docs promise, in which the detector finds that face again.
        var crop = _f.Store.FindFaceCrop(kept.Id, face)!;
        Assert.Equal("image/jpeg", crop.ContentType);
        var pipeline = _f.Get<RecognitionEngine>().Pipeline;
        var photo = pipeline.Load(crop.Bytes);
        Assert.Equal((Vision.Alignment.ReviewCrop.Size, Vision.Alignment.ReviewCrop.Size), (photo.Width, photo.Height));
        Assert.NotEmpty(pipeline.Detect(photo));
        Assert.InRange(crop.Bytes.Length, 2_000, 40_000);
    }

    [Fact]
    public void A_held_probe_crop_is_shown_only_to_reviewers_audited_and_swept_the_configured_period_after_the_decision()
    {
        var context = Berlin(_f);
        var gallery = _f.Galleries.Create(context, "door");
        var (name, images) = LfwPeople.Sample(1, n => n >= 4, seed: 22)[0];
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, null);
        Enroll(_f, context, gallery.Id, subject.Id, images);
        var held = _f.Identification.Identify(context, gallery.Id, File.ReadAllBytes(images[^1]), top: 1, fpir: 1);
        Guid reviewCase = held.ReviewCaseId!.Value;
        var first = Reviewer(context);
        var second = Reviewer(context);

        // The probe's quality measures are kept with the held result, beside the enrolment rule's limits.
        var quality = ReviewService.HeldQuality(_f.Store.FindReviewCase(context.TenantId, reviewCase)!)[ProbeCropSlots.Probe];
        var rule = _f.Get<RecognitionEngine>().Pipeline.EnrollmentRule;
        Assert.InRange(quality.FaceWidth, 30, 250);
        Assert.InRange(quality.InterOcularDistance, 10, 120);
        Assert.True(quality.Sharpness > 0);
        Assert.Equal(rule.MinFaceSize, quality.Limits.MinFaceSize, 3);
        Assert.Equal(rule.MaxAbsYaw, quality.Limits.MaxAbsYaw, 3);

        var probe = _f.Reviews.ProbeCrop(first, reviewCase, ProbeCropSlots.Probe);
        Assert.Equal("image/jpeg", probe.ContentType);
        var candidate = _f.Reviews.CandidateCrop(first, reviewCase, subject.Id);
        Assert.Equal(_f.Store.FindFaceCrop(gallery.Id, _f.Store.ListFaces(gallery.Id, subject.Id)[0].Id)!.Bytes, candidate.Bytes);

        // The requester, an operator key, another slot and a subject the case does not hold all get "not found", audited.
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _f.Reviews.ProbeCrop(context, reviewCase, ProbeCropSlots.Probe)).Code);
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _f.Reviews.ProbeCrop(context with { Role = KeyRole.Reviewer }, reviewCase, ProbeCropSlots.Probe)).Code);
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _f.Reviews.ProbeCrop(first, reviewCase, ProbeCropSlots.ImageA)).Code);
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _f.Reviews.CandidateCrop(first, reviewCase, Guid.NewGuid())).Code);
        var other = Berlin(_f);
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _f.Reviews.ProbeCrop(Reviewer(other), reviewCase, ProbeCropSlots.Probe)).Code);

        var views = _f.Audit.Export(new AuditQuery(context.TenantId)).Select(e => e.Record).Where(r => r.Operation == "review-view" && r.KeyId == first.KeyId).ToList();
        Assert.Contains(views, r => r.Decision == AuditDecision.Allow && r.Detail!.Value.GetProperty("crop").GetString() == "probe");
        Assert.Contains(views, r => r.Decision == AuditDecision.Allow && r.Detail!.Value.GetProperty("crop").GetString() == "candidate" && r.CandidateSubjectIds.Contains(subject.Id));
        Assert.Contains(_f.Audit.Export(new AuditQuery(context.TenantId)).Select(e => e.Record),
            r => r.Operation == "review-view" && r.KeyId == context.KeyId && r.Decision != AuditDecision.Allow);

        // Pending: no sweep touches the crop, however long the case waits.
        _f.Clock.Advance(40 * Day);
        Assert.Equal(0, _f.Sweeper.Sweep().ProbeCrops);
        _f.Reviews.Decide(first, reviewCase, new ReviewDecisionRequest("confirm", null));
        _f.Reviews.Decide(second, reviewCase, new ReviewDecisionRequest("confirm", null));

        // Decided: kept for the period (default 30 days), still shown to a reviewer meanwhile, then swept and audited.
        _f.Clock.Advance((ServiceOptions.DefaultProbeCropRetentionDays * Day) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, _f.Sweeper.Sweep().ProbeCrops);
        Assert.NotNull(_f.Reviews.ProbeCrop(first, reviewCase, ProbeCropSlots.Probe));
        _f.Clock.Advance(TimeSpan.FromMinutes(1));
        var sweep = _f.Sweeper.Sweep();
        Assert.Equal((1, 1), (sweep.ProbeCrops, sweep.ReviewCases));
        Assert.Null(_f.Store.FindProbeCrop(context.TenantId, reviewCase, ProbeCropSlots.Probe));
        Assert.Equal(0, _f.Count("SELECT count(*) FROM probe_crops WHERE case_id = $id;", reviewCase));
        Assert.Equal(1, Crops(gallery.Id)); // the enrolled face's crop lives as long as the face

        var entry = Assert.Single(_f.Audit.Export(new AuditQuery(context.TenantId)),
            e => e.Record.KeyId == AuditRecords.RetentionSweeperKeyId && e.Record.Detail?.TryGetProperty("deleted", out _) == true).Record;
        Assert.Equal("delete", entry.Operation);
        var detail = entry.Detail!.Value;
        Assert.Equal("probe-crops", detail.GetProperty("deleted").GetString());
        Assert.Equal("retention-expired", detail.GetProperty("reason").GetString());
        Assert.Equal(reviewCase, Assert.Single(detail.GetProperty("reviewCases").EnumerateArray()).GetGuid());
        Assert.True(_f.Audit.Verify().Intact);
        Assert.Equal(0, _f.Sweeper.Sweep().ProbeCrops);

        // The accountability report names the rule and what is held now.
        string report = MarkdownReportRenderer.Render(_f.Reports.BuildAccountability(context));
        Assert.Contains("each enrolled face keeps an aligned face crop", report, StringComparison.Ordinal);
        Assert.Contains("until the case is decided plus 30 days", report, StringComparison.Ordinal);
        Assert.Contains("Held now: 1 enrolled-face crops, 0 probe crops.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_crop_period_is_an_option_and_a_period_out_of_range_is_refused()
    {
        using var f = new ServiceFixture(s => s.AddSingleton(new ServiceOptions { ProbeCropRetentionDays = 0 }));
        var context = Berlin(f);
        var gallery = f.Galleries.Create(context, "door");
        var (name, images) = LfwPeople.Sample(1, n => n >= 4, seed: 23)[0];
        var subject = f.Enrolment.CreateSubject(context, gallery.Id, name, null);
        Enroll(f, context, gallery.Id, subject.Id, images);
        var held = f.Identification.Identify(context, gallery.Id, File.ReadAllBytes(images[^1]), top: 1, fpir: 1);
        var reviewer = context with { KeyId = f.Tenants.IssueKey(context.TenantId, KeyRole.Reviewer).KeyId, Role = KeyRole.Reviewer };
        f.Reviews.Decide(reviewer, held.ReviewCaseId!.Value, new ReviewDecisionRequest("reject", "not the same person"));
        Assert.Equal(1, f.Sweeper.Sweep().ProbeCrops);

        foreach (int days in new[] { -1, ServiceOptions.MaxProbeCropRetentionDays + 1 })
        {
            var e = Assert.Throws<FaceAccordException>(() => new ServiceOptions { ProbeCropRetentionDays = days }.Validate());
            Assert.Equal("config-invalid", e.Code);
        }
    }

    [Fact]
    public void Erasure_and_consent_withdrawal_delete_the_enrolled_crops_with_the_faces()
    {
        var context = Berlin(_f);
        var gallery = _f.Galleries.Create(context, "door");
        var people = LfwPeople.Sample(2, n => n >= 4, seed: 24);
        var erased = _f.Enrolment.CreateSubject(context, gallery.Id, people[0].Name, null);
        Enroll(_f, context, gallery.Id, erased.Id, people[0].Images);
        var basis = _f.Consent(context, people[1].Name);
        var consenting = _f.Enrolment.CreateSubject(context with { LegalBasis = basis }, gallery.Id, people[1].Name, basis);
        Enroll(_f, context with { LegalBasis = basis }, gallery.Id, consenting.Id, people[1].Images);
        Assert.Equal(2, Crops(gallery.Id));

        _f.Erasure.Erase(context with { Purpose = "data-subject-request" }, new Consents.DeletionRequest(people[0].Name, null));
        Assert.Equal(1, Crops(gallery.Id));

        _f.Consents.Withdraw(context with { Purpose = "data-subject-request" }, Guid.Parse(basis.Reference!), "changed my mind");
        Assert.Equal(0, Crops(gallery.Id));
        Assert.Equal(0, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));
    }
}
