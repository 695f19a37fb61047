namespace FaceAccord.Storage.Tests;

public abstract class FaceTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;
    private readonly Tenant _tenant;

    protected FaceTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
        _tenant = StoreSeed.Tenant(_store);
    }

    [Fact]
    public void An_added_face_is_listed_streamed_and_deleted()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);
        Subject other = _store.CreateSubject(gallery.Id, "emp-2", null);

        StoredFace first = _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1));
        StoredFace second = _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(2));
        StoredFace third = _store.AddFace(gallery.Id, other.Id, StoreSeed.Face(3));

        Assert.Equal(subject.Id, first.SubjectId);
        Assert.Equal(subject.Key, first.SubjectKey);
        Assert.Equal("{\"sharpness\":0.9}", first.QualityJson);
        Assert.Equal([first.Id, second.Id], _store.ListFaces(gallery.Id, subject.Id).Select(f => f.Id));
        Assert.Equal([first.Key, second.Key, third.Key], _store.ReadGalleryFaces(gallery.Id).Select(f => f.Key));
        StoredFace listed = _store.ListFaces(gallery.Id, subject.Id)[0];
        Assert.Equal(first.Template, listed.Template);
        Assert.Equal(first.CreatedAt, listed.CreatedAt);

        Assert.False(_store.DeleteFace(gallery.Id, other.Id, first.Id));
        Assert.True(_store.DeleteFace(gallery.Id, subject.Id, first.Id));
        Assert.False(_store.DeleteFace(gallery.Id, subject.Id, first.Id));
        Assert.Equal([second.Id], _store.ListFaces(gallery.Id, subject.Id).Select(f => f.Id));
    }

    [Fact]
    public void The_stored_template_is_the_float16_rounding_of_the_given_one()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);
        NewFace face = StoreSeed.Face(7, dimensions: 512);

        StoredFace stored = _store.AddFace(gallery.Id, subject.Id, face);
        float[] read = _store.ReadGalleryFaces(gallery.Id).Single().Template;

        Assert.Equal(512, read.Length);
        Assert.Equal(stored.Template, read);
        for (int i = 0; i < read.Length; i++)
        {
            // Half has 11 significant bits: relative error at most 2^-11, and below 2^-24 absolute near zero.
            Assert.True(Math.Abs(read[i] - face.Template[i]) <= Math.Max(Math.Abs(face.Template[i]) / 2048f, 6e-8f), $"dimension {i}");
        }

        double cosine = 0;
        for (int i = 0; i < read.Length; i++)
        {
            cosine += read[i] * face.Template[i];
        }

        Assert.InRange(cosine, 0.9999, 1.0001);
        Assert.Equal(512 * 2, _db.Scalar("SELECT length(template) FROM faces;"));
    }

    [Fact]
    public void A_gallery_that_stores_images_keeps_the_image()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id, storesImages: true);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);
        byte[] image = [0xFF, 0xD8, 0xFF, 1, 2, 3];

        StoredFace face = _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1, image));

        (byte[] Bytes, string ContentType)? found = _store.FindFaceImage(gallery.Id, face.Id);
        Assert.NotNull(found);
        Assert.Equal(image, found.Value.Bytes);
        Assert.Equal("image/jpeg", found.Value.ContentType);
        Assert.Null(_store.FindFaceImage(Guid.NewGuid(), face.Id));
    }

    [Fact]
    public void A_gallery_that_does_not_store_images_keeps_none()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id, storesImages: false);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);

        StoredFace face = _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1, [0xFF, 0xD8, 0xFF, 1, 2, 3]));

        Assert.Null(_store.FindFaceImage(gallery.Id, face.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM face_images;"));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM faces;"));
    }

    [Fact]
    public void A_template_of_another_model_is_refused()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);

        var ex = Assert.Throws<FaceAccordException>(() => _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1, model: "other-model")));

        Assert.Equal("template-model-mismatch", ex.Code);
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        Assert.Empty(_store.ListFaces(gallery.Id, subject.Id));
    }

    [Fact]
    public void A_template_of_another_length_is_refused()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);
        _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(1, dimensions: 64));

        var ex = Assert.Throws<FaceAccordException>(() => _store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(2, dimensions: 128)));

        Assert.Equal("template-dimension-mismatch", ex.Code);
        Assert.Single(_store.ListFaces(gallery.Id, subject.Id));
    }

    [Fact]
    public void A_face_for_a_subject_of_another_gallery_or_an_unknown_gallery_is_refused()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Gallery other = StoreSeed.Gallery(_store, _tenant.Id, "other");
        Subject stranger = _store.CreateSubject(other.Id, "emp-1", null);

        var wrongGallery = Assert.Throws<FaceAccordException>(() => _store.AddFace(gallery.Id, stranger.Id, StoreSeed.Face(1)));
        Assert.Equal("subject-not-found", wrongGallery.Code);
        Assert.Equal(ErrorKind.NotFound, wrongGallery.Kind);

        var noGallery = Assert.Throws<FaceAccordException>(() => _store.AddFace(Guid.NewGuid(), stranger.Id, StoreSeed.Face(1)));
        Assert.Equal("gallery-not-found", noGallery.Code);
        Assert.Equal(ErrorKind.NotFound, noGallery.Kind);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM faces;"));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(70000f)]
    public void A_template_float16_cannot_hold_is_refused(float bad)
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);
        float[] template = StoreSeed.Template(1);
        template[3] = bad;

        var ex = Assert.Throws<FaceAccordException>(() =>
            _store.AddFace(gallery.Id, subject.Id, new NewFace(StoreSeed.Model, template, "{}", null, null)));

        Assert.Equal("template-invalid", ex.Code);
    }

    [Fact]
    public void Quality_that_is_not_json_is_refused()
    {
        Gallery gallery = StoreSeed.Gallery(_store, _tenant.Id);
        Subject subject = _store.CreateSubject(gallery.Id, "emp-1", null);

        var ex = Assert.Throws<FaceAccordException>(() =>
            _store.AddFace(gallery.Id, subject.Id, new NewFace(StoreSeed.Model, StoreSeed.Template(1), "{sharp", null, null)));

        Assert.Equal("quality-invalid", ex.Code);
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class FaceTestsOnSqlite() : FaceTests(new TempDatabase());

public sealed class FaceTestsOnPostgres() : FaceTests(new TempPostgresSchema());
