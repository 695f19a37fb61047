using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage.Tests;

/// <summary>Expiry dates in the store: computed from interactions and periods, capped by limits, listed and deleted across tenants.</summary>
public abstract class RetentionStoreTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestStore _db;

    /// <summary>The backend this run uses, for the tests only one backend has.</summary>
    protected TestStore Db => _db;

    protected RetentionStoreTests(TestStore db) => _db = db;

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_gallery_keeps_its_retention_period_and_refuses_one_outside_1_to_36500_days()
    {
        using IFaceAccordStore store = OpenAtT0();
        Guid tenant = StoreSeed.Tenant(store).Id;

        Gallery kept = store.CreateGallery(tenant, "kept", StoreSeed.Model, false, 30);

        Assert.Equal(30, kept.RetentionDays);
        Assert.Equal(30, store.FindGallery(tenant, kept.Id)?.RetentionDays);
        Assert.Null(StoreSeed.Gallery(store, tenant).RetentionDays);
        foreach (int days in new[] { 0, -1, 36_501 })
        {
            var e = Assert.Throws<FaceAccordException>(() => store.CreateGallery(tenant, "bad" + days, StoreSeed.Model, false, days));
            Assert.Equal("retention-days-invalid", e.Code);
        }

        Assert.Equal(2, store.ListGalleries(tenant).Count);
    }

    [Fact]
    public void Expiry_is_the_last_interaction_plus_the_shortest_period_ever_applied()
    {
        using IFaceAccordStore store = OpenAtT0();
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        Subject subject = store.CreateSubject(gallery.Id, "a", null);
        Assert.Null(subject.ExpiresAt);

        Assert.Null(store.RecordInteraction(gallery.Id, subject.Id, T0, null)?.ExpiresAt);
        Assert.Equal(T0 + (100 * Day), store.RecordInteraction(gallery.Id, subject.Id, T0, 100)?.ExpiresAt);

        // A later interaction under a longer period keeps the shorter one, counted from the new interaction.
        Assert.Equal(T0 + (10 * Day) + (100 * Day), store.RecordInteraction(gallery.Id, subject.Id, T0 + (10 * Day), 500)?.ExpiresAt);
        Assert.Equal(T0 + (10 * Day) + (20 * Day), store.RecordInteraction(gallery.Id, subject.Id, T0 + (10 * Day), 20)?.ExpiresAt);

        // An interaction reported out of order never moves the last interaction back.
        Assert.Equal(T0 + (10 * Day) + (20 * Day), store.RecordInteraction(gallery.Id, subject.Id, T0, null)?.ExpiresAt);
        Assert.Equal(T0 + (30 * Day), store.FindSubject(gallery.Id, subject.Id)?.ExpiresAt);
        Assert.Null(store.RecordInteraction(gallery.Id, Guid.NewGuid(), T0, 5));
        Assert.Equal("retention-days-invalid", Assert.Throws<FaceAccordException>(() => store.RecordInteraction(gallery.Id, subject.Id, T0, 0)).Code);
    }

    [Fact]
    public void A_limit_caps_the_expiry_and_no_later_interaction_or_later_limit_extends_it()
    {
        using IFaceAccordStore store = OpenAtT0();
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        Subject subject = store.CreateSubject(gallery.Id, "a", null);

        // A limit alone is an expiry, even where no period applies.
        Assert.Equal(T0 + (50 * Day), store.LimitSubjectExpiry(gallery.Id, subject.Id, T0 + (50 * Day))?.ExpiresAt);
        Assert.Equal(T0 + (50 * Day), store.RecordInteraction(gallery.Id, subject.Id, T0 + (40 * Day), 30)?.ExpiresAt);
        Assert.Equal(T0 + (50 * Day), store.LimitSubjectExpiry(gallery.Id, subject.Id, T0 + (90 * Day))?.ExpiresAt);
        Assert.Equal(T0 + (45 * Day), store.LimitSubjectExpiry(gallery.Id, subject.Id, T0 + (45 * Day))?.ExpiresAt);
        Assert.Null(store.LimitSubjectExpiry(gallery.Id, Guid.NewGuid(), T0));
    }

    [Fact]
    public void Expired_subjects_of_every_tenant_are_listed_and_only_those_still_expired_are_deleted_with_faces_and_images()
    {
        using IFaceAccordStore store = OpenAtT0();
        Gallery a = StoreSeed.Gallery(store, StoreSeed.Tenant(store, "a").Id, storesImages: true);
        Gallery b = StoreSeed.Gallery(store, StoreSeed.Tenant(store, "b").Id);
        Subject early = store.CreateSubject(a.Id, "early", null);
        Subject late = store.CreateSubject(b.Id, "late", null);
        Subject never = store.CreateSubject(b.Id, "never", null);
        StoredFace face = store.AddFace(a.Id, early.Id, StoreSeed.Face(1, image: [1, 2, 3]));
        store.AddFace(b.Id, late.Id, StoreSeed.Face(2));
        store.RecordInteraction(a.Id, early.Id, T0, 10);
        store.RecordInteraction(b.Id, late.Id, T0, 20);

        Assert.Empty(store.ListExpiredSubjects(T0 + (9 * Day), 10));
        var expired = store.ListExpiredSubjects(T0 + (30 * Day), 10);
        Assert.Equal([early.Id, late.Id], expired.Select(e => e.SubjectId));
        Assert.Equal(a.TenantId, expired[0].TenantId);
        Assert.Equal(b.TenantId, expired[1].TenantId);
        Assert.Equal(early.Key, expired[0].SubjectKey);
        Assert.Equal(T0 + (10 * Day), expired[0].ExpiresAt);
        Assert.Single(store.ListExpiredSubjects(T0 + (30 * Day), 1));

        // Not yet expired at that time: nothing happens.
        Assert.Null(store.DeleteExpiredSubject(a.Id, early.Id, T0 + (9 * Day)));
        Assert.Null(store.DeleteExpiredSubject(b.Id, never.Id, T0 + (10_000 * Day)));
        Assert.Equal([face.Id], store.DeleteExpiredSubject(a.Id, early.Id, T0 + (10 * Day)));

        Assert.Null(store.FindSubject(a.Id, early.Id));
        Assert.Null(store.FindFaceImage(a.Id, face.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM face_images;"));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM faces;"));
        Assert.NotNull(store.FindSubject(b.Id, never.Id));
    }

    // Subjects are created (their first interaction) at T0, so the test's times line up with the store's.
    private IFaceAccordStore OpenAtT0() => _db.Open(new FixedClock(T0));

    internal static byte[] Bytes(byte first)
    {
        var bytes = new byte[16];
        bytes[0] = first;
        return bytes;
    }

    internal static void Exec(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-owned constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class RetentionStoreTestsOnSqlite() : RetentionStoreTests(new TempDatabase())
{
    private TempDatabase Sqlite => (TempDatabase)Db;

    [Fact]
    public void Migrating_a_version_5_store_keeps_subjects_without_expiry_and_dates_their_last_interaction()
    {
        var time = TimeProvider.System;
        using (var connection = Sqlite.OpenRaw())
        {
            SchemaMigrator.Migrate(connection, SchemaMigrations.All.Where(m => m.Version <= 5).ToList(), time, Sqlite.Path);
            RetentionStoreTests.Exec(connection, "INSERT INTO tenants (id, name, sector, country, created_at) VALUES (x'01000000000000000000000000000000', 't', 'commercial', 'NL', 1);");
            RetentionStoreTests.Exec(connection, "INSERT INTO galleries (id, tenant_id, name, model_id, stores_images, created_at) VALUES (x'02000000000000000000000000000000', x'01000000000000000000000000000000', 'g', 'm', 0, 1);");
            RetentionStoreTests.Exec(connection, "INSERT INTO subjects (id, gallery_id, external_id, created_at) VALUES (x'03000000000000000000000000000000', x'02000000000000000000000000000000', 's', 100);");
            RetentionStoreTests.Exec(connection, "INSERT INTO subjects (id, gallery_id, external_id, created_at) VALUES (x'04000000000000000000000000000000', x'02000000000000000000000000000000', 'u', 100);");
            RetentionStoreTests.Exec(connection, "INSERT INTO faces (id, subject_key, gallery_id, model_id, dimensions, template, quality, created_at) VALUES (x'05000000000000000000000000000000', 1, x'02000000000000000000000000000000', 'm', 1, x'0000', '{}', 700);");
        }

        using (SqliteFaceStore store = Sqlite.Open())
        {
            Assert.Equal(SqliteFaceStore.LatestSchemaVersion, store.SchemaVersion);
            Assert.Null(store.FindGalleryByName(new Guid(RetentionStoreTests.Bytes(1)), "g")?.RetentionDays);
            Assert.All(store.ListSubjects(new Guid(RetentionStoreTests.Bytes(2))), s => Assert.Null(s.ExpiresAt));
        }

        Assert.Equal(700, Sqlite.Scalar("SELECT last_interaction_at FROM subjects WHERE external_id = 's';"));
        Assert.Equal(100, Sqlite.Scalar("SELECT last_interaction_at FROM subjects WHERE external_id = 'u';"));
        Assert.Equal(1, Sqlite.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'subjects_expires_at';"));
    }
}

public sealed class RetentionStoreTestsOnPostgres() : RetentionStoreTests(new TempPostgresSchema());
