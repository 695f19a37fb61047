namespace FaceAccord.Storage.Tests;

/// <summary>Published accountability reports and the period listing of review cases.</summary>
public abstract class ReportStoreTests : IDisposable
{
    private static readonly string Hash = new('a', 64);

    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;

    protected ReportStoreTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void The_latest_report_is_found_per_tenant_and_pack()
    {
        Tenant a = StoreSeed.Tenant(_store, "a");
        Tenant b = StoreSeed.Tenant(_store, "b");
        Assert.Null(_store.FindLatestAccountabilityReport(a.Id));

        var first = _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "pack-1/x", "# one", Hash));
        var second = _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "pack-1/x", "# two", new string('B', 64)));
        _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "pack-2/y", "# other pack", Hash));

        var latest = _store.FindLatestAccountabilityReport(a.Id, "pack-1/x")!;
        Assert.Equal(second.Id, latest.Id);
        Assert.Equal("# two", latest.Markdown);
        Assert.Equal(new string('b', 64), latest.Sha256);
        Assert.NotEqual(first.Id, latest.Id);
        Assert.Equal("pack-2/y", _store.FindLatestAccountabilityReport(a.Id)!.PackId);
        Assert.Null(_store.FindLatestAccountabilityReport(a.Id, "pack-3/z"));
        Assert.Null(_store.FindLatestAccountabilityReport(b.Id, "pack-1/x"));
        Assert.True(_store.HasAccountabilityReport(a.Id, "pack-1/x"));
        Assert.False(_store.HasAccountabilityReport(a.Id, "pack-3/z"));
        Assert.False(_store.HasAccountabilityReport(b.Id, "pack-1/x"));
    }

    [Fact]
    public void A_report_needs_a_tenant_a_pack_text_and_a_sha256()
    {
        Tenant a = StoreSeed.Tenant(_store);
        Assert.Equal("tenant-not-found", Assert.Throws<FaceAccordException>(() => _store.SaveAccountabilityReport(new NewPublishedReport(Guid.NewGuid(), "p", "# r", Hash))).Code);
        Assert.Equal("report-pack-required", Assert.Throws<FaceAccordException>(() => _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, " ", "# r", Hash))).Code);
        Assert.Equal("report-empty", Assert.Throws<FaceAccordException>(() => _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "p", "", Hash))).Code);
        Assert.Equal("report-hash-invalid", Assert.Throws<FaceAccordException>(() => _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "p", "# r", "xyz"))).Code);
        Assert.Equal("report-hash-invalid", Assert.Throws<FaceAccordException>(() => _store.SaveAccountabilityReport(new NewPublishedReport(a.Id, "p", "# r", new string('g', 64)))).Code);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM accountability_reports;"));
    }

    [Fact]
    public void Review_cases_are_listed_by_tenant_and_creation_period()
    {
        Tenant a = StoreSeed.Tenant(_store, "a");
        Tenant b = StoreSeed.Tenant(_store, "b");
        Gallery ga = StoreSeed.Gallery(_store, a.Id);
        Gallery gb = StoreSeed.Gallery(_store, b.Id);
        var c1 = Case(a, ga);
        var c2 = Case(a, ga);
        var c3 = Case(b, gb);
        _store.RecordReviewDecision(a.Id, c2.Id, new ReviewDecisionRecord("r", ReviewDecisionRecord.Reject, null, DateTimeOffset.UtcNow));

        var mine = _store.ListReviewCases(a.Id, null, null);
        Assert.Equal([c1.Id, c2.Id], mine.Select(c => c.Id));
        Assert.Equal(ReviewStates.Rejected, mine[1].State);
        Assert.Single(mine[1].Decisions);
        Assert.Equal(3, _store.ListReviewCases(null, null, null).Count);
        Assert.Equal([c3.Id], _store.ListReviewCases(null, c3.CreatedAt, null).Select(c => c.Id));
        Assert.Empty(_store.ListReviewCases(a.Id, null, c1.CreatedAt));
    }

    private ReviewCase Case(Tenant tenant, Gallery gallery) =>
        _store.CreateReviewCase(new NewReviewCase(tenant.Id, gallery.Id, "requester", "access-control", "one-off", null, 1, "{\"candidates\":[]}"));
}

public sealed class ReportStoreTestsOnSqlite() : ReportStoreTests(new TempDatabase());

public sealed class ReportStoreTestsOnPostgres() : ReportStoreTests(new TempPostgresSchema());
