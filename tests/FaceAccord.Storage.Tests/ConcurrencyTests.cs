namespace FaceAccord.Storage.Tests;

public abstract class ConcurrencyTests : IDisposable
{
    private readonly TestStore _db;

    protected ConcurrencyTests(TestStore db) => _db = db;

    [Fact]
    public void Concurrent_writers_and_readers_lose_nothing()
    {
        const int Writers = 6;
        const int SubjectsEach = 10;
        const int FacesEach = 3;
        using IFaceAccordStore store = _db.Open();
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id, storesImages: true);
        var stored = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        using var start = new Barrier(Writers + 1);

        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (int s = 0; s < SubjectsEach; s++)
            {
                Subject subject = store.CreateSubject(gallery.Id, $"w{w}-s{s}", null);
                for (int f = 0; f < FacesEach; f++)
                {
                    stored.Add(store.AddFace(gallery.Id, subject.Id, StoreSeed.Face((w * 1000) + (s * 10) + f, [(byte)w, (byte)s, (byte)f])).Id);
                }

                // Readers run beside the writers on their own connections.
                Assert.NotNull(store.FindSubject(gallery.Id, subject.Id));
                Assert.Equal(FacesEach, store.ListFaces(gallery.Id, subject.Id).Count);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        threads.ForEach(t => t.Join());

        Assert.Equal(Writers * SubjectsEach, store.CountSubjects(gallery.Id));
        List<StoredFace> faces = store.ReadGalleryFaces(gallery.Id).ToList();
        Assert.Equal(stored.Order(), faces.Select(f => f.Id).Order());
        Assert.Equal(faces.Count, faces.Select(f => f.Key).Distinct().Count());
        Assert.Equal(Writers * SubjectsEach * FacesEach, _db.Scalar("SELECT count(*) FROM face_images;"));
    }

    [Fact]
    public void Racing_to_create_the_same_subject_lets_exactly_one_win()
    {
        using IFaceAccordStore store = _db.Open();
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        int wins = 0;
        int refusals = 0;

        Parallel.For(0, 8, _ =>
        {
            try
            {
                store.CreateSubject(gallery.Id, "same-person", null);
                Interlocked.Increment(ref wins);
            }
            catch (FaceAccord.Core.FaceAccordException ex) when (ex.Code == "subject-exists")
            {
                Interlocked.Increment(ref refusals);
            }
        });

        Assert.Equal(1, wins);
        Assert.Equal(7, refusals);
        Assert.Equal(1, store.CountSubjects(gallery.Id));
    }

    [Fact]
    public void Two_stores_on_one_file_see_each_others_writes()
    {
        using IFaceAccordStore first = _db.Open();
        using IFaceAccordStore second = _db.Open();
        Tenant tenant = StoreSeed.Tenant(first);
        Gallery gallery = StoreSeed.Gallery(second, tenant.Id);

        Parallel.For(0, 20, i => (i % 2 == 0 ? first : second).CreateSubject(gallery.Id, $"s{i}", null));

        Assert.Equal(20, first.CountSubjects(gallery.Id));
        Assert.Equal(20, second.CountSubjects(gallery.Id));
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ConcurrencyTestsOnSqlite() : ConcurrencyTests(new TempDatabase());

public sealed class ConcurrencyTestsOnPostgres() : ConcurrencyTests(new TempPostgresSchema());
