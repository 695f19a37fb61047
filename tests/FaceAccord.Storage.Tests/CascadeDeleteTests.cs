namespace FaceAccord.Storage.Tests;

public abstract class CascadeDeleteTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;
    private readonly Gallery _gallery;

    protected CascadeDeleteTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
        _gallery = StoreSeed.Gallery(_store, StoreSeed.Tenant(_store).Id, storesImages: true);
    }

    [Fact]
    public void Deleting_a_subject_removes_its_faces_and_images_only()
    {
        Subject gone = Enrol("gone", 3);
        Subject kept = Enrol("kept", 2);

        Assert.True(_store.DeleteSubject(_gallery.Id, gone.Id));

        Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM faces WHERE subject_key = {gone.Key};"));
        Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM face_images WHERE face_key NOT IN (SELECT key FROM faces);"));
        Assert.Equal(2, _db.Scalar($"SELECT count(*) FROM faces WHERE subject_key = {kept.Key};"));
        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM face_images;"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM faces WHERE subject_key NOT IN (SELECT key FROM subjects) OR gallery_id NOT IN (SELECT id FROM galleries);"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM subjects WHERE gallery_id NOT IN (SELECT id FROM galleries);"));
    }

    [Fact]
    public void Deleting_a_gallery_removes_its_subjects_faces_and_images_only()
    {
        Enrol("a", 2);
        Enrol("b", 3);
        Gallery other = StoreSeed.Gallery(_store, _gallery.TenantId, "other", storesImages: true);
        Subject elsewhere = _store.CreateSubject(other.Id, "c", null);
        _store.AddFace(other.Id, elsewhere.Id, StoreSeed.Face(99, [1, 2, 3]));

        Assert.True(_store.DeleteGallery(_gallery.TenantId, _gallery.Id));

        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM subjects;"));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM faces;"));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM face_images;"));
        Assert.Equal(elsewhere.Key, _db.Scalar("SELECT subject_key FROM faces;"));
        Assert.Empty(_store.ReadGalleryFaces(_gallery.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM faces WHERE subject_key NOT IN (SELECT key FROM subjects) OR gallery_id NOT IN (SELECT id FROM galleries);"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM subjects WHERE gallery_id NOT IN (SELECT id FROM galleries);"));
    }

    [Fact]
    public void Deleting_a_face_removes_its_image()
    {
        Subject subject = Enrol("a", 2);
        StoredFace face = _store.ListFaces(_gallery.Id, subject.Id)[0];

        Assert.True(_store.DeleteFace(_gallery.Id, subject.Id, face.Id));

        Assert.Null(_store.FindFaceImage(_gallery.Id, face.Id));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM face_images;"));
        Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM face_images WHERE face_key = {face.Key};"));
    }

    private Subject Enrol(string externalId, int faces)
    {
        Subject subject = _store.CreateSubject(_gallery.Id, externalId, new LegalBasis("consent", null));
        for (int i = 0; i < faces; i++)
        {
            _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(i, [0xFF, 0xD8, (byte)i]));
        }

        return subject;
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CascadeDeleteTestsOnSqlite() : CascadeDeleteTests(new TempDatabase());

public sealed class CascadeDeleteTestsOnPostgres() : CascadeDeleteTests(new TempPostgresSchema());
