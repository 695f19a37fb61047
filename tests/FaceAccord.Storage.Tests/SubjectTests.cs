namespace FaceAccord.Storage.Tests;

public abstract class SubjectTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;
    private readonly Gallery _gallery;

    protected SubjectTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
        _gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
    }

    [Fact]
    public void A_created_subject_is_found_listed_and_counted()
    {
        var basis = new LegalBasis("consent", "form-2025-117");
        Subject created = _store.CreateSubject(_gallery.Id, "emp-1", basis);
        Subject other = _store.CreateSubject(_gallery.Id, "emp-2", null);

        Assert.Equal(created, _store.FindSubject(_gallery.Id, created.Id));
        Assert.Equal(created, _store.FindSubjectByExternalId(_gallery.Id, "emp-1"));
        Assert.Equal(basis, _store.FindSubject(_gallery.Id, created.Id)!.LegalBasis);
        Assert.Null(_store.FindSubject(_gallery.Id, other.Id)!.LegalBasis);
        Assert.Equal([created, other], _store.ListSubjects(_gallery.Id));
        Assert.Equal(2, _store.CountSubjects(_gallery.Id));
        Assert.True(other.Key > created.Key);
    }

    [Fact]
    public void A_duplicate_external_id_is_refused_but_another_gallery_may_use_it()
    {
        _store.CreateSubject(_gallery.Id, "emp-1", null);

        var ex = Assert.Throws<FaceAccordException>(() => _store.CreateSubject(_gallery.Id, "emp-1", null));
        Assert.Equal("subject-exists", ex.Code);
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        Assert.Equal(1, _store.CountSubjects(_gallery.Id));

        Gallery second = StoreSeed.Gallery(_store, _gallery.TenantId, "second");
        Assert.Equal("emp-1", _store.CreateSubject(second.Id, "emp-1", null).ExternalId);
    }

    [Fact]
    public void A_subject_of_an_unknown_gallery_is_refused()
    {
        var ex = Assert.Throws<FaceAccordException>(() => _store.CreateSubject(Guid.NewGuid(), "emp-1", null));
        Assert.Equal("gallery-not-found", ex.Code);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public void A_subject_is_found_only_in_its_own_gallery()
    {
        Subject subject = _store.CreateSubject(_gallery.Id, "emp-1", null);
        Gallery other = StoreSeed.Gallery(_store, _gallery.TenantId, "other");

        Assert.Null(_store.FindSubject(other.Id, subject.Id));
        Assert.Null(_store.FindSubjectByExternalId(other.Id, "emp-1"));
        Assert.False(_store.DeleteSubject(other.Id, subject.Id));
        Assert.NotNull(_store.FindSubject(_gallery.Id, subject.Id));
    }

    [Fact]
    public void Deleted_keys_are_never_handed_out_again()
    {
        Subject first = _store.CreateSubject(_gallery.Id, "emp-1", null);
        Assert.True(_store.DeleteSubject(_gallery.Id, first.Id));

        Subject next = _store.CreateSubject(_gallery.Id, "emp-1", null);

        Assert.True(next.Key > first.Key);
        Assert.Null(_store.FindSubject(_gallery.Id, first.Id));
        Assert.False(_store.DeleteSubject(_gallery.Id, first.Id));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SubjectTestsOnSqlite() : SubjectTests(new TempDatabase());

public sealed class SubjectTestsOnPostgres() : SubjectTests(new TempPostgresSchema());
