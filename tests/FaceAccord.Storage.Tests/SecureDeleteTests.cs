using System.Text;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Storage.Tests;

public sealed class SecureDeleteTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteFaceStore _store;
    private readonly Gallery _gallery;
    private readonly byte[] _marker;
    private readonly byte[] _image;

    public SecureDeleteTests()
    {
        _store = _db.Open();
        _gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id, storesImages: true);

        // A marker no SQLite page would hold by chance, repeated so the image spills onto overflow pages.
        _marker = Encoding.ASCII.GetBytes($"ERASE-ME-{Guid.NewGuid():N}");
        _image = new byte[16 * 1024];
        for (int i = 0; i < _image.Length; i++)
        {
            _image[i] = _marker[i % _marker.Length];
        }
    }

    [Fact]
    public void A_deleted_subjects_image_and_template_are_overwritten_on_disk()
    {
        Subject subject = _store.CreateSubject(_gallery.Id, "to-erase", null);
        StoredFace face = _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(5, _image, dimensions: 256));
        byte[] template = DatabaseBytes.HalfBytes(face.Template);
        Assert.True(_store.Checkpoint());
        Assert.True(OnDisk(_marker), "the marker should be on disk before the delete, or this test proves nothing");
        Assert.True(OnDisk(template), "the template should be on disk before the delete, or this test proves nothing");

        Assert.True(_store.DeleteSubject(_gallery.Id, subject.Id));
        Assert.True(_store.Checkpoint());

        Assert.False(OnDisk(_marker), "the image survived its deletion");
        Assert.False(OnDisk(template), "the template survived its deletion");
    }

    [Fact]
    public void Deleting_a_gallery_erases_without_an_explicit_checkpoint()
    {
        Subject subject = _store.CreateSubject(_gallery.Id, "to-erase", null);
        _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(5, _image));
        Assert.True(OnDisk(_marker), "the marker should be on disk before the delete, or this test proves nothing");

        Assert.True(_store.DeleteGallery(_gallery.TenantId, _gallery.Id));

        Assert.False(OnDisk(_marker), "the image survived its gallery's deletion");
    }

    private bool OnDisk(byte[] pattern) => DatabaseBytes.OnDisk(_db.Path, pattern);

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }
}
