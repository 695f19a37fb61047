namespace FaceAccord.Storage.Tests;

/// <summary>
/// The unit-of-work contract a governed operation rests on (any backend must pass the same): a store change and its
/// audit entry commit together or not at all; reads inside a unit see its writes; other writers wait for it.
/// </summary>
public abstract class UnitOfWorkTests : IDisposable
{
    private readonly TestStore _db;

    /// <summary>The backend this run uses, for the tests only one backend has.</summary>
    protected TestStore Db => _db;

    protected IFaceAccordStore Store => _store;
    private readonly IFaceAccordStore _store;

    protected UnitOfWorkTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
    }

    [Fact]
    public void A_change_and_its_audit_entry_commit_together()
    {
        Gallery gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
        using (IStoreTransaction unit = _store.Begin())
        {
            _store.CreateSubject(gallery.Id, "ada", null);
            Append(_store);
            unit.Commit();
        }

        Assert.NotNull(_store.FindSubjectByExternalId(gallery.Id, "ada"));
        Assert.Single(_store.ReadAudit(AuditQuery.All));
    }

    [Fact]
    public void A_unit_disposed_without_commit_leaves_neither_the_change_nor_the_entry()
    {
        Gallery gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
        Assert.Throws<InvalidOperationException>(() => WriteThenFail(gallery.Id));

        Assert.Null(_store.FindSubjectByExternalId(gallery.Id, "ada"));
        Assert.Empty(_store.ReadAudit(AuditQuery.All));
        Assert.Equal(0, _store.ReadAuditHead().HighestSequenceIssued);
    }

    [Fact]
    public async Task Reads_inside_a_unit_see_its_own_writes_and_others_do_not_until_it_commits()
    {
        Gallery gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
        Subject subject;
        using (IStoreTransaction unit = _store.Begin())
        {
            subject = _store.CreateSubject(gallery.Id, "ada", null);
            Assert.Equal(subject.Id, _store.FindSubject(gallery.Id, subject.Id)?.Id);
            Assert.Null(await Elsewhere(() => _store.FindSubject(gallery.Id, subject.Id)));
            unit.Commit();
        }

        Assert.NotNull(await Elsewhere(() => _store.FindSubject(gallery.Id, subject.Id)));
    }

    [Fact]
    public async Task Another_writer_waits_for_the_unit_to_commit()
    {
        Gallery gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
        Task<Subject> other;
        using (IStoreTransaction unit = _store.Begin())
        {
            _store.CreateSubject(gallery.Id, "first", null);
            other = Elsewhere(() => _store.CreateSubject(gallery.Id, "second", null));
            Assert.NotSame(other, await Task.WhenAny(other, Task.Delay(300)));
            unit.Commit();
        }

        Assert.Equal("second", (await other).ExternalId);
        Assert.Equal(2, _store.ListSubjects(gallery.Id).Count);
    }

    [Fact]
    public void A_nested_unit_joins_the_outer_one_and_its_failure_dooms_the_whole()
    {
        Gallery gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id);
        var ran = new List<string>();
        using (IStoreTransaction outer = _store.Begin())
        {
            _store.CreateSubject(gallery.Id, "outer", null);
            using (IStoreTransaction inner = _store.Begin())
            {
                _store.CreateSubject(gallery.Id, "inner", null);
                inner.AfterCommit(() => ran.Add("inner"));
            }

            Assert.Throws<InvalidOperationException>(outer.Commit);
        }

        Assert.Empty(_store.ListSubjects(gallery.Id));
        Assert.Empty(ran);

        using (IStoreTransaction outer = _store.Begin())
        {
            using (IStoreTransaction inner = _store.Begin())
            {
                _store.CreateSubject(gallery.Id, "inner", null);
                inner.AfterCommit(() => ran.Add("inner"));
                inner.Commit();
            }

            Assert.Empty(ran);
            outer.Commit();
        }

        Assert.Equal(["inner"], ran);
        Assert.Single(_store.ListSubjects(gallery.Id));
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool without this flow's unit of work, as another request would.</summary>
    private static Task<T> Elsewhere<T>(Func<T> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }

    private void WriteThenFail(Guid galleryId)
    {
        using IStoreTransaction unit = _store.Begin();
        _store.CreateSubject(galleryId, "ada", null);
        Append(_store);
        throw new InvalidOperationException("the operation failed after writing");
    }

    internal static void Append(IFaceAccordStore store) => store.AppendAudit(head => new AuditRow(
        head.LastSequence + 1, 2, DateTimeOffset.UnixEpoch, null, "test", "enroll", null, null, null, null, "allow", "[]", null, 0, "[]", "[]", null,
        head.LastHash, new byte[32], "cli", 0, null));

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class UnitOfWorkTestsOnSqlite() : UnitOfWorkTests(new TempDatabase())
{
    private TempDatabase Sqlite => (TempDatabase)Db;

    [Fact]
    public void An_erasure_in_a_unit_leaves_no_bytes_on_disk_once_committed()
    {
        Gallery gallery = StoreSeed.Gallery(Store, StoreSeed.Tenant(Store).Id, storesImages: true);
        Subject subject = Store.CreateSubject(gallery.Id, "ada", null);
        byte[] image = new byte[256];
        new Random(7).NextBytes(image);
        Store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1, image));
        ((SqliteFaceStore)Store).Checkpoint();
        using (IStoreTransaction unit = Store.Begin())
        {
            Assert.True(Store.DeleteSubject(gallery.Id, subject.Id));
            UnitOfWorkTests.Append(Store);
            unit.Commit();
        }

        Assert.False(FaceAccord.Tests.Shared.DatabaseBytes.OnDisk(Sqlite.Path, image));
    }
}

public sealed class UnitOfWorkTestsOnPostgres() : UnitOfWorkTests(new TempPostgresSchema());
