namespace FaceAccord.Storage.Tests;

/// <summary>The review queue's tables: distinct reviewers, no self-review, one reject closes, tenants apart, cascades.</summary>
public abstract class ReviewStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;

    protected ReviewStoreTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
    }

    private (Tenant Tenant, ReviewCase Case) Held(int reviewers, string name = "acme")
    {
        Tenant tenant = StoreSeed.Tenant(_store, name);
        Gallery gallery = StoreSeed.Gallery(_store, tenant.Id);
        var held = _store.CreateReviewCase(new NewReviewCase(tenant.Id, gallery.Id, "requester", "access-control", "one-off",
            new LegalBasis("consent", "c-1"), reviewers, "{\"candidates\":[]}"));
        return (tenant, held);
    }

    private static ReviewDecisionRecord Decision(string key, string decision = ReviewDecisionRecord.Confirm) => new(key, decision, null, At);

    [Fact]
    public void A_case_reads_back_as_written_and_stays_pending_until_enough_distinct_keys_confirm()
    {
        var (tenant, held) = Held(2);
        var found = _store.FindReviewCase(tenant.Id, held.Id)!;
        Assert.Equal(ReviewStates.Pending, found.State);
        Assert.Equal("requester", found.RequesterKeyId);
        Assert.Equal(new LegalBasis("consent", "c-1"), found.LegalBasis);
        Assert.Equal("{\"candidates\":[]}", found.ResultJson);
        Assert.Empty(found.Decisions);

        var first = _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1"));
        Assert.Equal(ReviewStates.Pending, first.State);
        Assert.Equal(1, first.Confirmations);

        var again = Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1")));
        Assert.Equal("reviewer-already-decided", again.Code);
        Assert.Equal(1, _store.FindReviewCase(tenant.Id, held.Id)!.Confirmations);

        var second = _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r2"));
        Assert.Equal(ReviewStates.Released, second.State);
        Assert.Equal(At, second.ClosedAt);
        var reread = _store.FindReviewCase(tenant.Id, held.Id)!;
        Assert.Equal(ReviewStates.Released, reread.State);
        Assert.Equal(["r1", "r2"], reread.Decisions.Select(d => d.ReviewerKeyId));

        var late = Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r3")));
        Assert.Equal("review-closed", late.Code);
    }

    [Fact]
    public void The_requester_cannot_review_and_one_reject_closes_the_case()
    {
        var (tenant, held) = Held(2);
        var own = Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(tenant.Id, held.Id, Decision("requester")));
        Assert.Equal(ErrorKind.Denied, own.Kind);
        Assert.Equal("reviewer-is-requester", own.Code);

        _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1"));
        var rejected = _store.RecordReviewDecision(tenant.Id, held.Id, new ReviewDecisionRecord("r2", ReviewDecisionRecord.Reject, "not the same person", At));
        Assert.Equal(ReviewStates.Rejected, rejected.State);
        Assert.Equal("not the same person", _store.FindReviewCase(tenant.Id, held.Id)!.Decisions[1].Note);
        Assert.Equal("review-closed", Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r3"))).Code);
    }

    [Fact]
    public void Named_candidates_read_back_and_the_release_holds_only_those_every_confirming_reviewer_named()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var (tenant, held) = Held(3);
        _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1") with { Candidates = [a, b] });
        _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r2"));
        var released = _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r3") with { Candidates = [b, c] });
        Assert.Equal(ReviewStates.Released, released.State);

        var reread = _store.FindReviewCase(tenant.Id, held.Id)!;
        Assert.Equal([a, b], reread.Decisions[0].Candidates!);
        Assert.Null(reread.Decisions[1].Candidates);
        Assert.Equal([b, c], reread.Decisions[2].Candidates!);
        Assert.Equal([b], reread.ConfirmedCandidates!);

        var (_, unnamed) = Held(1, "plain");
        Assert.Null(_store.RecordReviewDecision(unnamed.TenantId, unnamed.Id, Decision("r1")).ConfirmedCandidates);
    }

    [Fact]
    public void Confirmations_with_no_candidate_in_common_close_the_case_as_rejected()
    {
        var (tenant, held) = Held(2);
        var first = _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1") with { Candidates = [Guid.NewGuid()] });
        Assert.Equal(ReviewStates.Pending, first.State);
        var closed = _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r2") with { Candidates = [Guid.NewGuid()] });
        Assert.Equal(ReviewStates.Rejected, closed.State);
        Assert.Equal(ReviewStates.Rejected, _store.FindReviewCase(tenant.Id, held.Id)!.State);
    }

    [Fact]
    public void A_candidate_list_on_a_reject_or_an_empty_one_is_refused_and_nothing_is_recorded()
    {
        var (tenant, held) = Held(2);
        Assert.Equal("decision-candidates-invalid", Assert.Throws<FaceAccordException>(() =>
            _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1") with { Candidates = [] })).Code);
        Assert.Equal("decision-candidates-invalid", Assert.Throws<FaceAccordException>(() =>
            _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1", ReviewDecisionRecord.Reject) with { Candidates = [Guid.NewGuid()] })).Code);
        Assert.Empty(_store.FindReviewCase(tenant.Id, held.Id)!.Decisions);
    }

    [Fact]
    public void Another_tenant_neither_finds_nor_decides_a_case()
    {
        var (_, held) = Held(1, "owner");
        Tenant other = StoreSeed.Tenant(_store, "other");
        Assert.Null(_store.FindReviewCase(other.Id, held.Id));
        var e = Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(other.Id, held.Id, Decision("r1")));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("review-not-found", e.Code);

        Gallery othersGallery = StoreSeed.Gallery(_store, other.Id);
        Assert.Equal("gallery-not-found", Assert.Throws<FaceAccordException>(() => _store.CreateReviewCase(
            new NewReviewCase(held.TenantId, othersGallery.Id, "k", "access-control", "one-off", null, 1, "{}"))).Code);
    }

    [Fact]
    public void Concurrent_confirmations_release_a_case_once_and_count_each_key_once()
    {
        var (tenant, held) = Held(3);
        var outcomes = Enumerable.Range(0, 12).AsParallel().Select(i =>
        {
            try
            {
                return _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r" + (i % 4))).State;
            }
            catch (FaceAccordException e)
            {
                return e.Code;
            }
        }).ToList();

        Assert.Equal(1, outcomes.Count(o => o == ReviewStates.Released));
        var final = _store.FindReviewCase(tenant.Id, held.Id)!;
        Assert.Equal(ReviewStates.Released, final.State);
        Assert.Equal(3, final.Confirmations);
        Assert.Equal(final.Decisions.Count, final.Decisions.Select(d => d.ReviewerKeyId).Distinct().Count());
    }

    [Fact]
    public void Deleting_the_gallery_removes_its_cases()
    {
        var (tenant, held) = Held(1);
        _store.RecordReviewDecision(tenant.Id, held.Id, new ReviewDecisionRecord("r1", ReviewDecisionRecord.Reject, null, At));
        Assert.True(_store.DeleteGallery(tenant.Id, held.GalleryId!.Value));
        Assert.Null(_store.FindReviewCase(tenant.Id, held.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM review_decisions;"));
    }

    [Fact]
    public void An_unknown_decision_is_refused_before_anything_is_written()
    {
        var (tenant, held) = Held(1);
        Assert.Equal("decision-invalid", Assert.Throws<FaceAccordException>(() => _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1", "maybe"))).Code);
        Assert.Empty(_store.FindReviewCase(tenant.Id, held.Id)!.Decisions);
    }

    [Fact]
    public void A_verification_case_has_no_gallery_and_is_decided_like_any_other()
    {
        Tenant tenant = StoreSeed.Tenant(_store, "agency");
        var held = _store.CreateReviewCase(new NewReviewCase(tenant.Id, null, "requester", "identity-verification", "one-off", null, 1,
            "{\"similarity\":0.9}", ReviewKinds.Verify));

        var found = _store.FindReviewCase(tenant.Id, held.Id)!;
        Assert.Equal(ReviewKinds.Verify, found.Kind);
        Assert.Null(found.GalleryId);
        Assert.Equal(ReviewStates.Released, _store.RecordReviewDecision(tenant.Id, held.Id, Decision("r1")).State);
        Assert.Null(_store.FindReviewCase(StoreSeed.Tenant(_store, "other").Id, held.Id));
    }

    [Fact]
    public void A_case_whose_kind_and_gallery_disagree_is_refused()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        Gallery gallery = StoreSeed.Gallery(_store, tenant.Id);
        NewReviewCase Case(Guid? galleryId, string kind) => new(tenant.Id, galleryId, "k", "access-control", "one-off", null, 1, "{}", kind);

        Assert.Equal("review-kind-invalid", Assert.Throws<FaceAccordException>(() => _store.CreateReviewCase(Case(null, ReviewKinds.Identify))).Code);
        Assert.Equal("review-kind-invalid", Assert.Throws<FaceAccordException>(() => _store.CreateReviewCase(Case(gallery.Id, ReviewKinds.Verify))).Code);
        Assert.Equal("review-kind-invalid", Assert.Throws<FaceAccordException>(() => _store.CreateReviewCase(Case(gallery.Id, "detect"))).Code);
        Assert.Equal("tenant-not-found", Assert.Throws<FaceAccordException>(() => _store.CreateReviewCase(
            new NewReviewCase(Guid.NewGuid(), null, "k", "access-control", "one-off", null, 1, "{}", ReviewKinds.Verify))).Code);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM review_cases;"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ReviewStoreTestsOnSqlite() : ReviewStoreTests(new TempDatabase());

public sealed class ReviewStoreTestsOnPostgres() : ReviewStoreTests(new TempPostgresSchema());
