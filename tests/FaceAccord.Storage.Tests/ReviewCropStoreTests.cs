using System.Text;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Storage.Tests;

/// <summary>
/// Crops kept for review, on both backends: sealed at rest and bound to their row, gone with their face however the
/// face goes (face, subject, expired subject, gallery), and probe crops of a decided case deleted only once its period
/// has passed. <see cref="ReviewCropDiskTests"/> looks at the SQLite file's bytes.
/// </summary>
public abstract class ReviewCropStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;
    private readonly Tenant _tenant;
    private readonly Gallery _gallery;

    protected ReviewCropStoreTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
        _tenant = StoreSeed.Tenant(_store);
        _gallery = StoreSeed.Gallery(_store, _tenant.Id);
    }

    /// <summary>Crop bytes made of a marker no SQLite page holds by chance, long enough to spill onto overflow pages.</summary>
    internal static (FaceCrop Crop, byte[] Marker) Crop()
    {
        byte[] marker = Encoding.ASCII.GetBytes($"CROP-{Guid.NewGuid():N}");
        var bytes = new byte[12 * 1024];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = marker[i % marker.Length];
        }

        return (new FaceCrop(bytes, "image/jpeg"), marker);
    }

    private StoredFace Enrolled(string externalId, out FaceCrop crop)
    {
        Subject subject = _store.CreateSubject(_gallery.Id, externalId, null);
        StoredFace face = _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(externalId.Length));
        crop = Crop().Crop;
        _store.KeepFaceCrop(_gallery.Id, face.Id, crop);
        return face;
    }

    private ReviewCase Held(Tenant tenant, string kind = ReviewKinds.Identify, Guid? gallery = null) =>
        _store.CreateReviewCase(new NewReviewCase(tenant.Id, kind == ReviewKinds.Identify ? gallery ?? _gallery.Id : null, "requester", "access-control",
            "one-off", null, 1, "{\"candidates\":[]}", kind));

    [Fact]
    public void A_face_crop_reads_back_and_is_deleted_with_its_subject()
    {
        var face = Enrolled("kept", out var crop);
        var read = _store.FindFaceCrop(_gallery.Id, face.Id)!;
        Assert.Equal(crop.Bytes, read.Bytes);
        Assert.Equal("image/jpeg", read.ContentType);
        Assert.Equal(new CropCounts(1, 0), _store.CountCrops(_tenant.Id));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM face_crops WHERE key_id IS NOT NULL AND length(seal) = 28;"));

        Assert.True(_store.DeleteSubject(_gallery.Id, face.SubjectId));

        Assert.Null(_store.FindFaceCrop(_gallery.Id, face.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM face_crops;"));
    }

    [Fact]
    public void A_face_crop_goes_with_its_face_its_expired_subject_and_its_gallery()
    {
        var byFace = Enrolled("by-face", out _);
        var byExpiry = Enrolled("by-expiry", out _);
        var stays = Enrolled("stays", out var kept);
        Assert.Equal(3, _db.Scalar("SELECT count(*) FROM face_crops;"));

        Assert.True(_store.DeleteFace(_gallery.Id, byFace.SubjectId, byFace.Id));
        Assert.Null(_store.FindFaceCrop(_gallery.Id, byFace.Id));

        _store.LimitSubjectExpiry(_gallery.Id, byExpiry.SubjectId, At);
        Assert.NotNull(_store.DeleteExpiredSubject(_gallery.Id, byExpiry.SubjectId, At));
        Assert.Null(_store.FindFaceCrop(_gallery.Id, byExpiry.Id));

        Assert.Equal(kept.Bytes, _store.FindFaceCrop(_gallery.Id, stays.Id)!.Bytes);
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM face_crops;"));
        Assert.True(_store.DeleteGallery(_tenant.Id, _gallery.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM face_crops;"));
    }

    [Fact]
    public void A_crop_for_a_face_of_another_gallery_or_without_bytes_is_refused()
    {
        var face = Enrolled("someone", out _);
        Gallery other = StoreSeed.Gallery(_store, _tenant.Id, "other");
        Assert.Equal("face-not-found", Assert.Throws<FaceAccordException>(() => _store.KeepFaceCrop(other.Id, face.Id, Crop().Crop)).Code);
        Assert.Null(_store.FindFaceCrop(other.Id, face.Id));
        Assert.Equal("crop-invalid", Assert.Throws<FaceAccordException>(() => _store.KeepFaceCrop(_gallery.Id, face.Id, new FaceCrop([], "image/jpeg"))).Code);
    }

    [Fact]
    public void A_sealed_crop_moved_to_another_row_does_not_open()
    {
        var a = Enrolled("a", out _);
        var b = Enrolled("b", out _);
        Assert.Equal(1, _db.Execute(
            $"UPDATE face_crops SET bytes = (SELECT bytes FROM face_crops WHERE face_key = {a.Key}), seal = (SELECT seal FROM face_crops WHERE face_key = {a.Key}) WHERE face_key = {b.Key};"));

        Assert.ThrowsAny<Exception>(() => _store.FindFaceCrop(_gallery.Id, b.Id));
        Assert.NotNull(_store.FindFaceCrop(_gallery.Id, a.Id));
    }

    [Fact]
    public void Probe_crops_belong_to_their_tenants_case_and_go_only_once_the_case_was_decided_before_the_cutoff()
    {
        var identify = Held(_tenant);
        var verify = Held(_tenant, ReviewKinds.Verify);
        var (probe, _) = Crop();
        _store.KeepProbeCrop(_tenant.Id, identify.Id, ProbeCropSlots.Probe, probe);
        _store.KeepProbeCrop(_tenant.Id, verify.Id, ProbeCropSlots.ImageA, Crop().Crop);
        _store.KeepProbeCrop(_tenant.Id, verify.Id, ProbeCropSlots.ImageB, Crop().Crop);
        Assert.Equal(probe.Bytes, _store.FindProbeCrop(_tenant.Id, identify.Id, ProbeCropSlots.Probe)!.Bytes);
        Assert.Null(_store.FindProbeCrop(_tenant.Id, identify.Id, ProbeCropSlots.ImageA));
        Assert.Equal(new CropCounts(0, 3), _store.CountCrops(_tenant.Id));

        // Another tenant can neither read nor add to the case; a slot outside the list is refused.
        Tenant other = StoreSeed.Tenant(_store, "other");
        Assert.Null(_store.FindProbeCrop(other.Id, identify.Id, ProbeCropSlots.Probe));
        Assert.Equal("review-not-found", Assert.Throws<FaceAccordException>(() => _store.KeepProbeCrop(other.Id, identify.Id, ProbeCropSlots.Probe, Crop().Crop)).Code);
        Assert.Equal("crop-slot-invalid", Assert.Throws<FaceAccordException>(() => _store.KeepProbeCrop(_tenant.Id, identify.Id, "photo", Crop().Crop)).Code);
        Assert.Equal(new CropCounts(0, 0), _store.CountCrops(other.Id));

        // Pending cases keep their crops whatever the cutoff.
        Assert.Empty(_store.ListExpiredProbeCrops(At.AddYears(10), 10));
        Assert.Equal(0, _store.DeleteProbeCrops(_tenant.Id, identify.Id, At.AddYears(10)));

        _store.RecordReviewDecision(_tenant.Id, identify.Id, new ReviewDecisionRecord("r1", ReviewDecisionRecord.Confirm, null, At));
        _store.RecordReviewDecision(_tenant.Id, verify.Id, new ReviewDecisionRecord("r1", ReviewDecisionRecord.Reject, null, At.AddDays(5)));

        // Decided, but the cutoff is before the decision: nothing is due.
        Assert.Empty(_store.ListExpiredProbeCrops(At.AddTicks(-1), 10));
        Assert.Equal(0, _store.DeleteProbeCrops(_tenant.Id, identify.Id, At.AddTicks(-1)));

        var due = Assert.Single(_store.ListExpiredProbeCrops(At, 10));
        Assert.Equal((_tenant.Id, identify.Id, (Guid?)_gallery.Id, At), (due.TenantId, due.CaseId, due.GalleryId, due.ClosedAt));
        Assert.Equal(0, _store.DeleteProbeCrops(other.Id, identify.Id, At));
        Assert.Equal(1, _store.DeleteProbeCrops(_tenant.Id, identify.Id, At));
        Assert.Null(_store.FindProbeCrop(_tenant.Id, identify.Id, ProbeCropSlots.Probe));

        Assert.Equal([verify.Id], _store.ListExpiredProbeCrops(At.AddDays(5), 10).Select(e => e.CaseId));
        Assert.Equal(2, _store.DeleteProbeCrops(_tenant.Id, verify.Id, At.AddDays(5)));
        Assert.Empty(_store.ListExpiredProbeCrops(At.AddYears(10), 10));
        Assert.Equal(new CropCounts(0, 0), _store.CountCrops(_tenant.Id));

        // The case itself stays: only the crops had a period.
        Assert.NotNull(_store.FindReviewCase(_tenant.Id, identify.Id));
    }

    [Fact]
    public void Deleting_the_gallery_a_case_searched_deletes_its_probe_crops()
    {
        var held = Held(_tenant);
        _store.KeepProbeCrop(_tenant.Id, held.Id, ProbeCropSlots.Probe, Crop().Crop);
        Assert.True(_store.DeleteGallery(_tenant.Id, _gallery.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM probe_crops;"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ReviewCropStoreTestsOnSqlite() : ReviewCropStoreTests(new TempDatabase());

public sealed class ReviewCropStoreTestsOnPostgres() : ReviewCropStoreTests(new TempPostgresSchema());

/// <summary>What is on the SQLite file's pages: crops only sealed, and overwritten once deleted (secure_delete).</summary>
public sealed class ReviewCropDiskTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDatabase _db = new();
    private readonly SqliteFaceStore _store;
    private readonly Tenant _tenant;
    private readonly Gallery _gallery;

    public ReviewCropDiskTests()
    {
        _store = _db.Open();
        _tenant = StoreSeed.Tenant(_store);
        _gallery = StoreSeed.Gallery(_store, _tenant.Id);
    }

    private static (FaceCrop Crop, byte[] Marker) Crop() => ReviewCropStoreTests.Crop();

    [Fact]
    public void A_face_crop_is_sealed_on_disk_and_overwritten_when_its_subject_is_deleted()
    {
        Subject subject = _store.CreateSubject(_gallery.Id, "kept", null);
        StoredFace face = _store.AddFace(_gallery.Id, subject.Id, StoreSeed.Face(3));
        var (crop, marker) = Crop();
        _store.KeepFaceCrop(_gallery.Id, face.Id, crop);
        Assert.True(_store.Checkpoint());

        Assert.False(DatabaseBytes.OnDisk(_db.Path, marker), "a crop was stored in the clear");
        byte[] sealedCrop = DatabaseBytes.Stored(_db.Path, "SELECT bytes FROM face_crops WHERE face_key = $id;", face.Key)[..64];
        Assert.True(DatabaseBytes.OnDisk(_db.Path, sealedCrop), "the sealed crop should be on disk before the delete, or this test proves nothing");

        Assert.True(_store.DeleteSubject(_gallery.Id, subject.Id));
        Assert.True(_store.Checkpoint());

        Assert.Null(_store.FindFaceCrop(_gallery.Id, face.Id));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM face_crops;"));
        Assert.False(DatabaseBytes.OnDisk(_db.Path, sealedCrop), "the crop survived its subject's deletion");
    }

    [Fact]
    public void A_probe_crop_is_sealed_on_disk_and_overwritten_when_its_period_ends()
    {
        var held = _store.CreateReviewCase(new NewReviewCase(_tenant.Id, _gallery.Id, "requester", "access-control", "one-off", null, 1, "{\"candidates\":[]}"));
        var (probe, marker) = Crop();
        _store.KeepProbeCrop(_tenant.Id, held.Id, ProbeCropSlots.Probe, probe);
        Assert.True(_store.Checkpoint());
        Assert.False(DatabaseBytes.OnDisk(_db.Path, marker), "a probe crop was stored in the clear");
        byte[] sealedProbe = DatabaseBytes.Stored(_db.Path, "SELECT bytes FROM probe_crops WHERE case_id = $id;", held.Id)[..64];
        Assert.True(DatabaseBytes.OnDisk(_db.Path, sealedProbe), "the sealed probe crop should be on disk before the delete, or this test proves nothing");

        _store.RecordReviewDecision(_tenant.Id, held.Id, new ReviewDecisionRecord("r1", ReviewDecisionRecord.Reject, null, At));
        Assert.Equal(1, _store.DeleteProbeCrops(_tenant.Id, held.Id, At));
        Assert.True(_store.Checkpoint());

        Assert.False(DatabaseBytes.OnDisk(_db.Path, sealedProbe), "the probe crop survived its deletion");
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }
}
