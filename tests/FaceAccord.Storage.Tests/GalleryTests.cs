namespace FaceAccord.Storage.Tests;

public abstract class GalleryTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;
    private readonly Tenant _tenant;

    protected GalleryTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
        _tenant = StoreSeed.Tenant(_store);
    }

    [Fact]
    public void A_created_gallery_is_found_by_id_and_name_and_listed()
    {
        Gallery created = _store.CreateGallery(_tenant.Id, "visitors", "pack-a", storesImages: true);

        Assert.Equal(created, _store.FindGallery(_tenant.Id, created.Id));
        Assert.Equal(created, _store.FindGalleryByName(_tenant.Id, "visitors"));
        Assert.Equal([created], _store.ListGalleries(_tenant.Id));
        Assert.Equal([created], _store.ListAllGalleries());
        Assert.True(created.StoresImages);
        Assert.Equal("pack-a", created.ModelId);
    }

    [Fact]
    public void A_second_gallery_with_the_same_name_is_refused()
    {
        StoreSeed.Gallery(_store, _tenant.Id, "staff");

        var ex = Assert.Throws<FaceAccordException>(() => StoreSeed.Gallery(_store, _tenant.Id, "staff"));
        Assert.Equal("gallery-exists", ex.Code);
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        Assert.Single(_store.ListGalleries(_tenant.Id));
    }

    [Fact]
    public void A_gallery_of_an_unknown_tenant_is_refused()
    {
        var ex = Assert.Throws<FaceAccordException>(() => StoreSeed.Gallery(_store, Guid.NewGuid()));
        Assert.Equal("tenant-not-found", ex.Code);
        Assert.Empty(_store.ListAllGalleries());
    }

    [Fact]
    public void A_deleted_gallery_is_gone_and_a_second_delete_says_so()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);

        Assert.True(_store.DeleteGallery(_tenant.Id, gallery.Id));
        Assert.Null(_store.FindGallery(_tenant.Id, gallery.Id));
        Assert.False(_store.DeleteGallery(_tenant.Id, gallery.Id));
        Assert.Empty(_store.ListGalleries(_tenant.Id));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class GalleryTestsOnSqlite() : GalleryTests(new TempDatabase());

public sealed class GalleryTestsOnPostgres() : GalleryTests(new TempPostgresSchema());
