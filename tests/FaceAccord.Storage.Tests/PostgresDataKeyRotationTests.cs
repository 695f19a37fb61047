using FaceAccord.Storage.Encryption;
using FaceAccord.Storage.Postgres;

namespace FaceAccord.Storage.Tests;

/// <summary>
/// <c>keys rotate-data-key</c> on a PostgreSQL store: re-sealed in batches and finished by running it again after an
/// interruption, as on SQLite; and, since several nodes share the store, a node given the prepared key file keeps writing
/// through a rotation run on another node (it seals with the store's current key), while one without it refuses to write.
/// </summary>
public sealed class PostgresDataKeyRotationTests : IDisposable
{
    private readonly TempPostgresSchema _db = new();
    private readonly string _otherNode = Path.Combine(Path.GetTempPath(), "faceaccord-storage-tests", Guid.NewGuid().ToString("N"));

    public PostgresDataKeyRotationTests() => Directory.CreateDirectory(_otherNode);

    private string KeyFile => Path.Combine(Path.GetDirectoryName(_db.KeyPath)!, DataKeySource.DefaultFileName);

    public void Dispose()
    {
        Directory.Delete(_otherNode, recursive: true);
        _db.Dispose();
    }

    [Fact]
    public void A_rotation_reseals_every_row_and_an_interrupted_one_is_finished_by_running_it_again()
    {
        byte[] image = new byte[4096];
        new Random(11).NextBytes(image);
        List<StoredFace> seeded;
        string oldKey;
        using (PostgresFaceStore store = _db.OpenPostgres())
        {
            seeded = Seed(store, 5, image);
            oldKey = store.DataKeyId;

            // Interrupted: the new key is in the file and adopted, one row re-sealed, then the process dies.
            var source = DataKeySource.FromFile(KeyFile);
            var ring = new DataKeyRing(DataKey.Generate(), source.Load()!.Keys);
            source.Save(ring);
            store.AdoptKeys(ring);
            Assert.Equal(1, store.SealPending(1));
        }

        using (PostgresFaceStore store = _db.OpenPostgres())
        {
            Assert.True(store.RotationPending);
            var result = DataKeyRotation.Run(store, DataKeySource.FromFile(KeyFile), batch: 2);
            Assert.True(result.Resumed);
            Assert.NotEqual(oldKey, result.To);
            Assert.Equal(9, result.Resealed); // 4 templates and 5 images were still under the old key
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM faces WHERE template_key != '{result.To}'"));
            Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM face_images WHERE key_id != '{result.To}'"));
            Assert.Equal(1, _db.Scalar($"SELECT count(*) FROM data_keys WHERE key_id = '{oldKey}' AND state = 'retired'"));
        }

        // The file no longer holds the old key, and every row still reads as it was written.
        Assert.False(DataKeySource.FromFile(KeyFile).Load()!.Holds(oldKey));
        using (PostgresFaceStore store = _db.OpenPostgres())
        {
            Assert.False(store.RotationPending);
            var gallery = store.ListAllGalleries()[0].Id;
            Assert.Equal(seeded.Select(f => f.Template), store.ReadGalleryFaces(gallery).Select(f => f.Template));
            Assert.Equal(image, store.FindFaceImage(gallery, seeded[0].Id)!.Value.Bytes);

            // A second rotation starts afresh from the now current key.
            var again = DataKeyRotation.Run(store, DataKeySource.FromFile(KeyFile));
            Assert.False(again.Resumed);
            Assert.Equal(10, again.Resealed);
        }
    }

    [Fact]
    public void A_node_given_the_prepared_key_writes_through_a_rotation_on_another_node_and_one_without_it_refuses()
    {
        using PostgresFaceStore a = _db.OpenPostgres();
        Seed(a, 3);
        string oldKey = a.DataKeyId;
        string staleFile = Path.Combine(_otherNode, "stale.key");
        File.Copy(KeyFile, staleFile);

        // Prepared on node A: the new key beside the old, not in use yet; node B is started with that file.
        string newKey = DataKeyRotation.Prepare(a, DataKeySource.FromFile(KeyFile));
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(oldKey, a.DataKeyId);
        string preparedFile = Path.Combine(_otherNode, "prepared.key");
        File.Copy(KeyFile, preparedFile);
        using var b = PostgresFaceStore.Open(PostgresLocation.Parse(_db.ConnectionString), DataKeySource.FromFile(preparedFile));
        using var stale = PostgresFaceStore.Open(PostgresLocation.Parse(_db.ConnectionString), DataKeySource.FromFile(staleFile));
        Assert.Equal(oldKey, b.DataKeyId);
        Assert.Equal(newKey, DataKeyRotation.Prepare(a, DataKeySource.FromFile(KeyFile))); // Preparing twice keeps the one key.

        // Node A rotates (a new store instance reads the prepared file, as the CLI does).
        using (PostgresFaceStore rotating = _db.OpenPostgres())
        {
            var result = DataKeyRotation.Run(rotating, DataKeySource.FromFile(KeyFile));
            Assert.Equal(newKey, result.To);
            Assert.Equal(3, result.Resealed);
        }

        // B, opened before the rotation, seals its next face with the store's new key; every row reads back on B.
        var gallery = b.ListAllGalleries()[0];
        var subject = b.ListSubjects(gallery.Id)[0];
        var added = b.AddFace(gallery.Id, subject.Id, StoreSeed.Face(7));
        Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM faces WHERE template_key != '{newKey}'"));
        Assert.Equal(1, _db.Scalar($"SELECT count(*) FROM data_keys WHERE key_id = '{oldKey}' AND state = 'retired'"));
        Assert.Contains(b.ReadGalleryFaces(gallery.Id), f => f.Id == added.Id && f.Template.SequenceEqual(added.Template));
        Assert.Equal(4, b.ReadGalleryFaces(gallery.Id).Count());

        // A node that was never given the new key refuses to write with its old one, and a new one will not open with it.
        Assert.Equal("data-key-mismatch", Assert.Throws<FaceAccordException>(() => stale.AddFace(gallery.Id, subject.Id, StoreSeed.Face(8))).Code);
        Assert.Equal(4, _db.Scalar("SELECT count(*) FROM faces"));
        Assert.Equal("data-key-mismatch", Assert.Throws<FaceAccordException>(() =>
            PostgresFaceStore.Open(PostgresLocation.Parse(_db.ConnectionString), DataKeySource.FromFile(staleFile))).Code);
    }

    private static List<StoredFace> Seed(PostgresFaceStore store, int faces, byte[]? image = null)
    {
        var tenant = StoreSeed.Tenant(store);
        var gallery = StoreSeed.Gallery(store, tenant.Id, storesImages: image is not null);
        var subject = store.CreateSubject(gallery.Id, "ada", null);
        return [.. Enumerable.Range(0, faces).Select(i => store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(i, image)))];
    }
}
