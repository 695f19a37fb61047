namespace FaceAccord.Storage.Tests;

/// <summary>Consent records: they read back as written, stay within their tenant, withdraw once, and find the subjects resting on them.</summary>
public abstract class ConsentStoreTests : IDisposable
{
    private static readonly DateTimeOffset Granted = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly string NoticeHash = new('a', 64);

    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;

    protected ConsentStoreTests(TestStore db)
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

    private ConsentRecord Consent(Guid tenantId, string person = "p-17", DateTimeOffset? expires = null) =>
        _store.CreateConsent(new NewConsent(tenantId, person, ["access-control", "employee-timekeeping"], "notice-3", NoticeHash, "written", "binder 4, page 12",
            Granted, expires));

    [Fact]
    public void A_consent_reads_back_as_written()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        var expires = Granted.AddYears(3);
        ConsentRecord created = Consent(tenant.Id, expires: expires);

        ConsentRecord found = _store.FindConsent(tenant.Id, created.Id)!;
        Assert.Equal(tenant.Id, found.TenantId);
        Assert.Equal("p-17", found.SubjectExternalId);
        Assert.Equal(["access-control", "employee-timekeeping"], found.Purposes);
        Assert.Equal("notice-3", found.NoticeVersion);
        Assert.Equal(NoticeHash, found.NoticeSha256);
        Assert.Equal("written", found.SignatureMethod);
        Assert.Equal("binder 4, page 12", found.EvidenceReference);
        Assert.Equal(Granted, found.GrantedAt);
        Assert.Equal(expires, found.ExpiresAt);
        Assert.Null(found.WithdrawnAt);
        Assert.Null(found.WithdrawalReason);
        Assert.True(found.HoldsAt(Granted.AddDays(1)));
        Assert.False(found.HoldsAt(expires));
        Assert.False(found.HoldsAt(Granted.AddSeconds(-1)));

        Consent(tenant.Id, "someone-else");
        Assert.Equal([created.Id], _store.ListConsents(tenant.Id, "p-17").Select(c => c.Id));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM consents WHERE subject_external_id = 'p-17';"));
    }

    [Fact]
    public void Another_tenant_sees_nothing_and_cannot_withdraw()
    {
        Tenant owner = StoreSeed.Tenant(_store, "owner");
        Tenant other = StoreSeed.Tenant(_store, "other");
        ConsentRecord consent = Consent(owner.Id);
        Gallery gallery = StoreSeed.Gallery(_store, owner.Id);
        _store.CreateSubject(gallery.Id, "p-17", new LegalBasis("consent", SqliteFaceStore.ConsentReference(consent.Id)));

        Assert.Null(_store.FindConsent(other.Id, consent.Id));
        Assert.Empty(_store.ListConsents(other.Id, "p-17"));
        Assert.Empty(_store.ListSubjectsUnderConsent(other.Id, consent.Id));
        var refused = Assert.Throws<FaceAccordException>(() => _store.WithdrawConsent(other.Id, consent.Id, null, Granted.AddDays(1)));
        Assert.Equal("consent-not-found", refused.Code);
        Assert.Null(_store.FindConsent(owner.Id, consent.Id)!.WithdrawnAt);
        Assert.Single(_store.ListSubjectsUnderConsent(owner.Id, consent.Id));
    }

    [Fact]
    public void A_consent_is_withdrawn_once()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        ConsentRecord consent = Consent(tenant.Id);
        var at = Granted.AddDays(30);

        ConsentRecord withdrawn = _store.WithdrawConsent(tenant.Id, consent.Id, "left the company", at);
        Assert.Equal(at, withdrawn.WithdrawnAt);
        Assert.Equal("left the company", _store.FindConsent(tenant.Id, consent.Id)!.WithdrawalReason);
        Assert.False(_store.FindConsent(tenant.Id, consent.Id)!.HoldsAt(at.AddDays(1)));

        var again = Assert.Throws<FaceAccordException>(() => _store.WithdrawConsent(tenant.Id, consent.Id, null, at.AddDays(1)));
        Assert.Equal("consent-withdrawn", again.Code);
        Assert.Equal(at, _store.FindConsent(tenant.Id, consent.Id)!.WithdrawnAt);
    }

    [Fact]
    public void Subjects_under_a_consent_are_found_across_galleries_and_no_others()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        ConsentRecord consent = Consent(tenant.Id);
        ConsentRecord unrelated = Consent(tenant.Id, "p-18");
        Gallery staff = StoreSeed.Gallery(_store, tenant.Id, "staff");
        Gallery visitors = StoreSeed.Gallery(_store, tenant.Id, "visitors");
        string reference = SqliteFaceStore.ConsentReference(consent.Id);
        Subject a = _store.CreateSubject(staff.Id, "p-17", new LegalBasis("consent", reference));
        Subject b = _store.CreateSubject(visitors.Id, "p-17", new LegalBasis("consent", reference));
        _store.CreateSubject(staff.Id, "p-18", new LegalBasis("consent", SqliteFaceStore.ConsentReference(unrelated.Id)));
        _store.CreateSubject(visitors.Id, "p-19", new LegalBasis("warrant", reference));

        Assert.Equal([a.Id, b.Id], _store.ListSubjectsUnderConsent(tenant.Id, consent.Id).Select(s => s.Id));
    }

    [Fact]
    public void Incomplete_consents_are_refused_before_anything_is_written()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        var noPurpose = Assert.Throws<FaceAccordException>(() => _store.CreateConsent(
            new NewConsent(tenant.Id, "p", [], "n", NoticeHash, "written", "e", Granted, null)));
        Assert.Equal("consent-purposes-required", noPurpose.Code);
        var noTenant = Assert.Throws<FaceAccordException>(() => Consent(Guid.NewGuid()));
        Assert.Equal("tenant-not-found", noTenant.Code);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM consents;"));
    }

    [Fact]
    public void A_consent_is_active_from_its_grant_until_its_end_exclusive_unless_withdrawn()
    {
        var granted = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var ends = granted.AddDays(30);
        var consent = new ConsentRecord(Guid.NewGuid(), Guid.NewGuid(), "p", ["access-control"], "v1", new string('a', 64), "written", "form",
            granted, ends, null, null, granted);

        Assert.Equal(ConsentStatus.NotYetGranted, consent.StatusAt(granted.AddTicks(-1)));
        Assert.Equal(ConsentStatus.Active, consent.StatusAt(granted));
        Assert.Equal(ConsentStatus.Active, consent.StatusAt(ends.AddTicks(-1)));
        Assert.Equal(ConsentStatus.Expired, consent.StatusAt(ends));
        Assert.True(consent.HoldsAt(granted) && !consent.HoldsAt(ends));

        // Withdrawal outranks everything, even before the grant or after the end.
        var withdrawn = consent with { WithdrawnAt = granted.AddDays(1) };
        Assert.All(new[] { granted.AddDays(-1), granted, ends }, t => Assert.Equal(ConsentStatus.Withdrawn, withdrawn.StatusAt(t)));
        Assert.False(withdrawn.HoldsAt(granted.AddDays(2)));
    }
}

public sealed class ConsentStoreTestsOnSqlite() : ConsentStoreTests(new TempDatabase());

public sealed class ConsentStoreTestsOnPostgres() : ConsentStoreTests(new TempPostgresSchema());
