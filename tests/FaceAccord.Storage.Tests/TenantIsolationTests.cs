namespace FaceAccord.Storage.Tests;

public abstract class TenantIsolationTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;

    protected TenantIsolationTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
    }

    [Fact]
    public void Another_tenants_gallery_cannot_be_found_listed_or_deleted()
    {
        Tenant owner = StoreSeed.Tenant(_store, "owner");
        Tenant intruder = StoreSeed.Tenant(_store, "intruder");
        Gallery gallery = StoreSeed.Gallery(_store, owner.Id, "staff");

        Assert.Null(_store.FindGallery(intruder.Id, gallery.Id));
        Assert.Null(_store.FindGalleryByName(intruder.Id, "staff"));
        Assert.Empty(_store.ListGalleries(intruder.Id));
        Assert.False(_store.DeleteGallery(intruder.Id, gallery.Id));
        Assert.Equal(gallery, _store.FindGallery(owner.Id, gallery.Id));
    }

    [Fact]
    public void Gallery_names_are_unique_per_tenant_only()
    {
        Tenant a = StoreSeed.Tenant(_store, "a");
        Tenant b = StoreSeed.Tenant(_store, "b");

        Gallery ofA = StoreSeed.Gallery(_store, a.Id, "staff");
        Gallery ofB = StoreSeed.Gallery(_store, b.Id, "staff");

        Assert.Equal(ofA, _store.FindGalleryByName(a.Id, "staff"));
        Assert.Equal(ofB, _store.FindGalleryByName(b.Id, "staff"));
        Assert.Equal(2, _store.ListAllGalleries().Count);
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class TenantIsolationTestsOnSqlite() : TenantIsolationTests(new TempDatabase());

public sealed class TenantIsolationTestsOnPostgres() : TenantIsolationTests(new TempPostgresSchema());
