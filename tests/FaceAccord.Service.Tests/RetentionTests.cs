using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.TestSupport;

namespace FaceAccord.Service.Tests;

/// <summary>
/// Retention limits as expiry dates, on a real store with real LFW faces and a clock the test moves: an expired
/// subject is no longer identified even before the sweep, and the sweep leaves nothing of them but a tombstone.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly ServiceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void An_expired_subject_is_not_identified_before_the_sweep_and_is_gone_from_store_index_and_images_after_it()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _f.Galleries.Create(context, "visitors", storeImages: true, retentionDays: 30);
        Assert.Equal(30, gallery.RetentionDays);
        var people = LfwPeople.Sample(3, n => n >= 6, seed: 6);
        var subjects = new List<SubjectView>();
        var used = new List<int>();
        foreach (var (name, images) in people)
        {
            var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, null);
            used.Add(EnrollOne(context, gallery.Id, subject.Id, images, from: 0));
            subjects.Add(_f.Enrolment.GetSubject(context, gallery.Id, subject.Id));
        }

        var start = _f.Clock.GetUtcNow();
        Assert.All(subjects, s => Assert.Equal(start + (30 * Day), s.ExpiresAt));
        byte[] Probe(int person) => File.ReadAllBytes(people[person].Images[^1]);
        bool Found(int person) => _f.Identification.Identify(context, gallery.Id, Probe(person), top: 1, fpir: 1)
            .Candidates.Any(c => c.SubjectId == subjects[person].Id);
        Assert.True(Found(0));
        Assert.True(Found(1));

        // Day 20: person 1 enrols another face, an interaction that restarts their 30 days; a search of person 0 does not.
        _f.Clock.Advance(20 * Day);
        Assert.True(Found(0));
        EnrollOne(context, gallery.Id, subjects[1].Id, people[1].Images, from: used[1] + 1);
        Assert.Equal(start + (50 * Day), _f.Enrolment.GetSubject(context, gallery.Id, subjects[1].Id).ExpiresAt);
        Assert.Equal(start + (30 * Day), _f.Enrolment.GetSubject(context, gallery.Id, subjects[0].Id).ExpiresAt);

        // Day 30 exactly: expired. Searches skip persons 0 and 2 although nothing was deleted yet.
        _f.Clock.Advance(10 * Day);
        Assert.False(Found(0));
        Assert.False(Found(2));
        Assert.True(Found(1));

        // Person 0's own probe, closed-set top 1: person 0 ranks first but has expired, so the next live subject is
        // the answer, not an empty list.
        var closedSet = _f.Identification.Identify(context, gallery.Id, Probe(0), top: 1, fpir: 1);
        Assert.Equal(subjects[1].Id, Assert.Single(closedSet.Candidates).SubjectId);
        Assert.Equal(3, _f.Store.CountSubjects(gallery.Id));
        Assert.Equal(4, _f.Galleries.Get(context, gallery.Id).Faces);
        Assert.Equal("subject-not-found", Assert.Throws<FaceAccordException>(() => _f.Enrolment.GetSubject(context, gallery.Id, subjects[0].Id)).Code);
        Assert.Equal(subjects[1].Id, _f.Enrolment.GetSubject(context, gallery.Id, subjects[1].Id).Id);

        var sweep = _f.Sweeper.Sweep();

        Assert.Equal((2, 2, 1), (sweep.Subjects, sweep.Faces, sweep.Galleries));
        foreach (var gone in new[] { subjects[0], subjects[2] })
        {
            Assert.Null(_f.Store.FindSubject(gallery.Id, gone.Id));
            Assert.Equal(0, _f.Count("SELECT count(*) FROM subjects WHERE id = $id;", gone.Id));
            Assert.Equal(0, _f.Count("SELECT count(*) FROM faces f JOIN subjects s ON s.key = f.subject_key WHERE s.id = $id;", gone.Id));
        }

        Assert.Equal(1, _f.Count("SELECT count(*) FROM subjects WHERE gallery_id = $id;", gallery.Id));
        Assert.Equal(2, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));
        Assert.Equal(2, _f.Count("SELECT count(*) FROM face_images i JOIN faces f ON f.key = i.face_key WHERE f.gallery_id = $id;", gallery.Id));
        Assert.Equal(2, _f.Galleries.Get(context, gallery.Id).Faces);
        Assert.False(Found(0));
        Assert.True(Found(1));

        var tombstones = _f.Audit.Export().Where(e => e.Record.KeyId == "retention-sweeper").ToList();
        var entry = Assert.Single(tombstones);
        Assert.Equal(context.TenantId, entry.Record.TenantId);
        Assert.True(AuditTombstone.TryRead(entry.Record.Detail, out var tombstone));
        Assert.Equal(AuditDeletionReason.RetentionExpired, tombstone.Reason);
        Assert.Equal(gallery.Id, tombstone.GalleryId);
        Assert.Equal(new[] { subjects[0].Id, subjects[2].Id }.Order(), tombstone.SubjectIds.Order());
        Assert.Equal(2, tombstone.FaceIds.Count);
        Assert.True(_f.Audit.Verify().Intact);

        // The sweeper's tombstone is the system keeping its limits, not a request: reports do not count it as one.
        Assert.DoesNotContain(
            Reports.TransparencyFigures.Compute(_f.Audit, _f.Store, context.TenantId, null, null).Requests,
            r => r.Operation == "delete");

        // Nothing more is due: a second sweep deletes nothing and writes nothing.
        long entries = _f.Audit.Export().Count();
        Assert.Equal(0, _f.Sweeper.Sweep().Subjects);
        Assert.Equal(entries, _f.Audit.Export().Count());

        // Person 1's later face kept them 20 days longer; then they go too.
        _f.Clock.Advance(20 * Day);
        Assert.False(Found(1));
        Assert.Equal(1, _f.Sweeper.Sweep().Subjects);
        Assert.Equal(0, _f.Galleries.Get(context, gallery.Id).Faces);
        Assert.Equal(0, _f.Count("SELECT count(*) FROM face_images i JOIN faces f ON f.key = i.face_key WHERE f.gallery_id = $id;", gallery.Id));
        Assert.True(_f.Audit.Verify().Intact);
    }

    [Fact]
    public void A_gallery_without_a_period_and_a_tenant_no_policy_limits_keep_subjects_without_expiry()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _f.Galleries.Create(context, "staff");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, "someone", null);

        _f.Clock.Advance(10_000 * Day);

        Assert.Null(gallery.RetentionDays);
        Assert.Null(subject.ExpiresAt);
        Assert.Equal(0, _f.Sweeper.Sweep().Subjects);
        Assert.NotNull(_f.Store.FindSubject(gallery.Id, subject.Id));
    }

    [Fact]
    public void An_Illinois_enrolment_is_allowed_and_expires_1095_days_after_the_last_interaction_or_sooner_by_the_gallery()
    {
        // The BIPA pack sets a 1095-day retention condition on enrolment; the gatekeeper used to refuse it as unenforceable.
        var decision = PolicyEngine.BuiltIn().Evaluate(new PolicyRequest
        {
            Tenant = new PolicyTenant("commercial", "US", "US-IL", "Chicago"),
            Operation = "enroll",
            Purpose = "access-control",
            LegalBasis = new PolicyLegalBasis("consent", "release-1"),
        });
        Assert.True(decision.Allowed);
        Assert.Contains(new RetentionCondition(1095), decision.Conditions);

        var context = _f.Tenant("commercial", "US", "US-IL", "Chicago", purpose: "access-control");
        var open = _f.Galleries.Create(context, "members");
        var shorter = _f.Galleries.Create(context, "day-passes", retentionDays: 90);
        var longer = _f.Galleries.Create(context, "archive", retentionDays: 2000);
        var now = _f.Clock.GetUtcNow();

        Assert.Equal(now + (1095 * Day), _f.Enrolment.CreateSubject(context, open.Id, "member-1", _f.Consent(context, "member-1")).ExpiresAt);
        Assert.Equal(now + (90 * Day), _f.Enrolment.CreateSubject(context, shorter.Id, "pass-1", _f.Consent(context, "pass-1")).ExpiresAt);
        Assert.Equal(now + (1095 * Day), _f.Enrolment.CreateSubject(context, longer.Id, "archived-1", _f.Consent(context, "archived-1")).ExpiresAt);
        var allowed = _f.Audit.Export().Where(e => e.Record.Operation == "enroll").ToList();
        Assert.All(allowed, e => Assert.Equal(AuditDecision.Allow, e.Record.Decision));
        Assert.All(allowed, e => Assert.Contains("us-il-bipa-15a-retention", e.Record.RuleIds));
    }

    [Fact]
    public void A_rules_limit_shortens_the_expiry_at_once_and_later_interactions_do_not_extend_it()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _f.Galleries.Create(context, "visitors", retentionDays: 365);
        var (name, images) = LfwPeople.Sample(1, n => n >= 6, seed: 11)[0];
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, null);
        int first = EnrollOne(context, gallery.Id, subject.Id, images, from: 0);
        var start = _f.Clock.GetUtcNow();
        var record = _f.Galleries.Resolve(context, gallery.Id.ToString());

        // A consent ending in 10 days, say.
        var limited = _f.Retention.Limit(record, subject.Id, start + (10 * Day));
        Assert.Equal(start + (10 * Day), limited?.ExpiresAt);
        Assert.Null(_f.Retention.Limit(record, Guid.NewGuid(), start));

        _f.Clock.Advance(5 * Day);
        EnrollOne(context, gallery.Id, subject.Id, images, from: first + 1);
        Assert.Equal(start + (10 * Day), _f.Enrolment.GetSubject(context, gallery.Id, subject.Id).ExpiresAt);

        _f.Clock.Advance(5 * Day);
        Assert.DoesNotContain(_f.Identification.Identify(context, gallery.Id, File.ReadAllBytes(images[^1]), top: 1, fpir: 1).Candidates, c => c.SubjectId == subject.Id);
        var sweep = _f.Sweeper.Sweep();
        Assert.Equal((1, 2), (sweep.Subjects, sweep.Faces));
    }

    [Fact]
    public void A_held_identification_does_not_release_a_subject_whose_retention_ran_out_while_it_waited()
    {
        // An EU business: identifications need two reviewers (AI Act Art. 14(5)).
        var context = _f.Tenant("commercial", "DE", "DE-BE", "Berlin", purpose: "access-control");
        var gallery = _f.Galleries.Create(context, "visitors", retentionDays: 30);
        var (name, images) = LfwPeople.Sample(1, n => n >= 6, seed: 11)[0];
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, null);
        EnrollOne(context, gallery.Id, subject.Id, images, from: 0);

        var held = _f.Identification.Identify(context, gallery.Id, File.ReadAllBytes(images[^1]), top: 1, fpir: 1);
        Assert.NotNull(held.ReviewCaseId);
        _f.Clock.Advance(31 * Day);

        var reviewers = Enumerable.Range(0, 2).Select(_ => context with { KeyId = _f.Tenants.IssueKey(context.TenantId, KeyRole.Reviewer).KeyId, Role = KeyRole.Reviewer }).ToList();
        _f.Reviews.Decide(reviewers[0], held.ReviewCaseId!.Value, new Reviews.ReviewDecisionRequest("confirm", null));
        var released = _f.Reviews.Decide(reviewers[1], held.ReviewCaseId!.Value, new Reviews.ReviewDecisionRequest("confirm", null));

        Assert.Equal(Storage.ReviewStates.Released, released.Status);
        Assert.Empty(released.Result!.Candidates);
    }

    [Fact]
    public void An_expired_subject_takes_no_new_face_and_is_not_reused_until_the_sweep_removes_it()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Fresno");
        var gallery = _f.Galleries.Create(context, "visitors", retentionDays: 30);
        var (name, images) = LfwPeople.Sample(1, n => n >= 6, seed: 12)[0];
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, null);
        int used = EnrollOne(context, gallery.Id, subject.Id, images, from: 0);
        _f.Clock.Advance(31 * Day);

        // A new face would restart the expiry and bring the old face, past its retention, back into search.
        var refused = Assert.Throws<FaceAccordException>(
            () => _f.Enrolment.EnrollFace(context, gallery.Id, subject.Id, File.ReadAllBytes(images[used + 1]), "image/jpeg"));
        Assert.Equal("subject-not-found", refused.Code);
        Assert.Equal("subject-expired", Assert.Throws<FaceAccordException>(() => _f.Enrolment.EnsureSubject(context, gallery.Id, name, null)).Code);
        Assert.Equal(1, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));
        Assert.DoesNotContain(_f.Identification.Identify(context, gallery.Id, File.ReadAllBytes(images[^1]), top: 1, fpir: 1).Candidates, c => c.SubjectId == subject.Id);

        // The expiry did not move, so the sweep removes the subject; then the person can be enrolled afresh.
        Assert.Equal(1, _f.Sweeper.Sweep().Subjects);
        Assert.NotEqual(subject.Id, _f.Enrolment.EnsureSubject(context, gallery.Id, name, null));
    }

    /// <summary>Enrols the first of <paramref name="images"/> from <paramref name="from"/> that passes the quality rule (never the last, kept as the probe).</summary>
    private int EnrollOne(Safeguards.RequestContext context, Guid gallery, Guid subject, string[] images, int from)
    {
        for (int i = from; i < images.Length - 1; i++)
        {
            try
            {
                _f.Enrolment.EnrollFace(context, gallery, subject, File.ReadAllBytes(images[i]), "image/jpeg");
                return i;
            }
            catch (FaceAccordException e) when (e.Code == "quality-refused")
            {
                // The enrolment quality rule at work; the next image may pass.
            }
        }

        throw new InvalidOperationException($"No image of {images[0]} from {from} passes the enrolment quality rule; pick another seed.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(36_501)]
    [InlineData(int.MaxValue)]
    public void A_retention_period_outside_1_to_36500_days_is_refused(int days)
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var e = Assert.Throws<FaceAccordException>(() => _f.Galleries.Create(context, "bad", retentionDays: days));
        Assert.Equal("retention-days-invalid", e.Code);
        Assert.Empty(_f.Galleries.List(context));
    }
}
