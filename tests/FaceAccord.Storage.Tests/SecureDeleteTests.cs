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
        Assert.True(_store.Checkpoint());

        // What is on disk is sealed: neither the image nor the template is there in the clear.
        // A run from the sealed bytes' start: a large value is split over overflow pages, so the whole is never contiguous.
        byte[] sealedImage = DatabaseBytes.Stored(_db.Path, "SELECT bytes FROM face_images WHERE face_key = $id;", face.Key)[..64];
        byte[] sealedTemplate = DatabaseBytes.Stored(_db.Path, "SELECT template FROM faces WHERE id = $id;", face.Id)[..64];
        Assert.False(OnDisk(_marker), "an image was stored in the clear");
        Assert.False(OnDisk(DatabaseBytes.HalfBytes(face.Template)), "a template was stored in the clear");
        Assert.True(OnDisk(sealedImage), "the sealed image should be on disk before the delete, or this test proves nothing");
        Assert.True(OnDisk(sealedTemplate), "the sealed template should be on disk before the delete, or this test proves nothing");

        Assert.True(_store.DeleteSubject(_gallery.Id, subject.Id));
        Assert.True(_store.Checkpoint());

        Assert.False(OnDisk(sealedImage), "the image survived its deletion");
        Assert.False(OnDisk(sealedTemplate), "the template survived its deletion");
    }

    [Fact]
    public void Deleting_a_gallery_erases_without_an_explicit_checkpoint()
    {
        Subject subject = _store.CreateSubject(_gallery.Id, "to-erase", null);
        StoredFace face = _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(5, _image));
        // A run from the sealed bytes' start: a large value is split over overflow pages, so the whole is never contiguous.
        byte[] sealedImage = DatabaseBytes.Stored(_db.Path, "SELECT bytes FROM face_images WHERE face_key = $id;", face.Key)[..64];
        Assert.True(OnDisk(sealedImage), "the sealed image should be on disk before the delete, or this test proves nothing");

        Assert.True(_store.DeleteGallery(_gallery.TenantId, _gallery.Id));

        Assert.False(OnDisk(sealedImage), "the image survived its gallery's deletion");
    }

    private bool OnDisk(byte[] pattern) => DatabaseBytes.OnDisk(_db.Path, pattern);

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }
}
