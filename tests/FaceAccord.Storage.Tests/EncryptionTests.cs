using FaceAccord.Storage.Encryption;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Storage.Tests;

/// <summary>
/// Templates and images sealed with AES-256-GCM: a key file made on first use (owner-only), a store that will not open
/// without its key, a sealed value that will not open in another row, and a key rotation that finishes after an interruption.
/// </summary>
public sealed class EncryptionTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private string KeyFile => Path.Combine(_db.Directory, DataKeySource.DefaultFileName);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_key_file_is_made_on_first_use_owner_only_and_the_store_refuses_to_open_without_it()
    {
        using (var store = _db.Open())
        {
            Seed(store, 3);
        }

        Assert.True(File.Exists(KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        File.Move(KeyFile, KeyFile + ".elsewhere");
        var missing = Assert.Throws<FaceAccordException>(() => _db.Open());
        Assert.Equal(("data-key-missing", ErrorKind.Environment), (missing.Code, missing.Kind));
        Assert.Contains("backup", missing.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile), "refusing must not make a new key over the old data");

        // Another store's key is refused just as clearly.
        DataKeySource.FromFile(KeyFile).Save(new DataKeyRing(DataKey.Generate()));
        Assert.Equal("data-key-mismatch", Assert.Throws<FaceAccordException>(() => _db.Open()).Code);

        File.Move(KeyFile + ".elsewhere", KeyFile, overwrite: true);
        using var reopened = _db.Open();
        Assert.Equal(3, reopened.ReadGalleryFaces(reopened.ListAllGalleries()[0].Id).Count());
    }

    [Fact]
    public void A_sealed_template_moved_to_another_row_does_not_open()
    {
        Guid first, second;
        using (var store = _db.Open())
        {
            var faces = Seed(store, 2);
            (first, second) = (faces[0].Id, faces[1].Id);
        }

        using (var raw = _db.OpenRaw())
        using (var swap = raw.CreateCommand())
        {
            swap.CommandText = "UPDATE faces SET template = (SELECT template FROM faces WHERE id = $a), template_seal = (SELECT template_seal FROM faces WHERE id = $a) WHERE id = $b;";
            swap.Parameters.AddWithValue("$a", first.ToByteArray());
            swap.Parameters.AddWithValue("$b", second.ToByteArray());
            Assert.Equal(1, swap.ExecuteNonQuery());
        }

        using var reopened = _db.Open();
        var gallery = reopened.ListAllGalleries()[0].Id;
        Assert.Equal("data-unreadable", Assert.Throws<FaceAccordException>(() => reopened.ReadGalleryFaces(gallery).ToList()).Code);
    }

    [Fact]
    public void A_rotation_reseals_every_row_and_an_interrupted_one_is_finished_by_running_it_again()
    {
        byte[] image = new byte[4096];
        new Random(11).NextBytes(image);
        List<StoredFace> seeded;
        string oldKey;
        using (var store = _db.Open())
        {
            seeded = Seed(store, 5, image);
            var gallery = store.ListAllGalleries()[0].Id;
            store.KeepFaceCrop(gallery, seeded[0].Id, new FaceCrop(image[..1024], "image/jpeg"));
            var tenant = store.ListAllGalleries()[0].TenantId;
            var held = store.CreateReviewCase(new NewReviewCase(tenant, gallery, "requester", "access-control", "one-off", null, 1, "{\"candidates\":[]}"));
            store.KeepProbeCrop(tenant, held.Id, ProbeCropSlots.Probe, new FaceCrop(image[1024..2048], "image/jpeg"));
            oldKey = store.DataKeyId;

            // Interrupted: the new key is in the file and adopted, one row re-sealed, then the process dies.
            var source = DataKeySource.For(store.DatabasePath);
            var ring = new DataKeyRing(DataKey.Generate(), source.Load()!.Keys);
            source.Save(ring);
            store.AdoptKeys(ring);
            Assert.Equal(1, store.SealPending(1));
        }

        using (var store = _db.Open())
        {
            var result = DataKeyRotation.Run(store, DataKeySource.For(store.DatabasePath), batch: 2);
            Assert.True(result.Resumed);
            Assert.NotEqual(oldKey, result.To);
            Assert.Equal(11, result.Resealed); // 4 templates, 5 images and 2 crops were still under the old key
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM faces WHERE template_key != '{result.To}';"));
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM face_images WHERE key_id != '{result.To}';"));
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM face_crops WHERE key_id != '{result.To}';"));
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM probe_crops WHERE key_id != '{result.To}';"));
        }

        // The file no longer holds the old key, and every row still reads as it was written.
        Assert.False(DataKeySource.FromFile(KeyFile).Load()!.Holds(oldKey));
        using (var store = _db.Open())
        {
            var gallery = store.ListAllGalleries()[0].Id;
            Assert.Equal(seeded.Select(f => f.Template), store.ReadGalleryFaces(gallery).Select(f => f.Template));
            Assert.Equal(image, store.FindFaceImage(gallery, seeded[0].Id)!.Value.Bytes);
            Assert.Equal(image[..1024], store.FindFaceCrop(gallery, seeded[0].Id)!.Bytes);
            var held = Assert.Single(store.ListReviewCases(store.ListAllGalleries()[0].TenantId, ReviewStates.Pending));
            Assert.Equal(image[1024..2048], store.FindProbeCrop(held.TenantId, held.Id, ProbeCropSlots.Probe)!.Bytes);

            // A second rotation starts afresh from the now current key.
            var again = DataKeyRotation.Run(store, DataKeySource.For(store.DatabasePath));
            Assert.False(again.Resumed);
            Assert.Equal(12, again.Resealed);
        }
    }

    [Fact]
    public void Rows_stored_before_encryption_are_sealed_when_the_store_first_opens_with_a_key()
    {
        Guid id;
        float[] template;
        using (var store = _db.Open())
        {
            var face = Seed(store, 1)[0];
            (id, template) = (face.Id, face.Template);
        }

        // The row as an older FaceAccord wrote it: the template in the clear, no seal, no key.
        using (var raw = _db.OpenRaw())
        using (var clear = raw.CreateCommand())
        {
            clear.CommandText = "UPDATE faces SET template = $plain, template_seal = NULL, template_key = NULL WHERE id = $id;";
            clear.Parameters.AddWithValue("$plain", DatabaseBytes.HalfBytes(template));
            clear.Parameters.AddWithValue("$id", id.ToByteArray());
            clear.ExecuteNonQuery();
        }

        using var reopened = _db.Open();
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM faces WHERE template_key IS NULL;"));
        Assert.Equal(template, reopened.ReadGalleryFaces(reopened.ListAllGalleries()[0].Id).Single().Template);
    }

    private static List<StoredFace> Seed(SqliteFaceStore store, int faces, byte[]? image = null)
    {
        var tenant = StoreSeed.Tenant(store);
        var gallery = StoreSeed.Gallery(store, tenant.Id, storesImages: image is not null);
        var subject = store.CreateSubject(gallery.Id, "ada", null);
        return [.. Enumerable.Range(0, faces).Select(i => store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(i, image)))];
    }
}
