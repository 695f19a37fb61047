namespace FaceAccord.Storage;

/// <summary>
/// Aligned face crops kept so that people can judge a held result: one per enrolled face of a gallery whose use can
/// require review (deleted with its face by the store, however the face goes), and the probe crops of a request held
/// for review, kept until the case is decided plus a period, then deleted by the retention sweep. Sealed at rest.
/// </summary>
public interface IReviewCropStore
{
    /// <summary>Keeps the crop of an enrolled face (replacing one kept before); <c>face-not-found</c> when the face is not in the gallery.</summary>
    void KeepFaceCrop(Guid galleryId, Guid faceId, FaceCrop crop);

    /// <summary>The crop of an enrolled face, or null when none is kept.</summary>
    FaceCrop? FindFaceCrop(Guid galleryId, Guid faceId);

    /// <summary>Keeps a probe crop of a held case in <paramref name="slot"/> (<see cref="ProbeCropSlots"/>); <c>review-not-found</c> for another tenant's case.</summary>
    void KeepProbeCrop(Guid tenantId, Guid caseId, string slot, FaceCrop crop);

    /// <summary>A probe crop of the tenant's case, or null when none is kept (never held, or deleted after its period).</summary>
    FaceCrop? FindProbeCrop(Guid tenantId, Guid caseId, string slot);

    /// <summary>Cases of every tenant closed at or before <paramref name="closedBefore"/> that still keep probe crops, earliest closed first.</summary>
    IReadOnlyList<ExpiredProbeCrops> ListExpiredProbeCrops(DateTimeOffset closedBefore, int limit);

    /// <summary>Deletes the case's probe crops if it is still closed at or before <paramref name="closedBefore"/>; how many were deleted.</summary>
    int DeleteProbeCrops(Guid tenantId, Guid caseId, DateTimeOffset closedBefore);

    /// <summary>How many crops the tenant's store holds now, for the accountability report.</summary>
    CropCounts CountCrops(Guid tenantId);
}

/// <summary>An encoded face crop (JPEG) as kept for review.</summary>
public sealed record FaceCrop(byte[] Bytes, string ContentType);

/// <summary>A closed case whose probe crops are past their period.</summary>
public sealed record ExpiredProbeCrops(Guid TenantId, Guid CaseId, Guid? GalleryId, DateTimeOffset ClosedAt);

/// <summary>Crops of enrolled faces and probe crops of held requests a tenant's store holds.</summary>
public sealed record CropCounts(int FaceCrops, int ProbeCrops);

/// <summary>Where a held case's probe crop came from: an identification's probe, or one of a verification's two images.</summary>
public static class ProbeCropSlots
{
    public const string Probe = "probe";
    public const string ImageA = "image-a";
    public const string ImageB = "image-b";

    public static bool IsKnown(string? slot) => slot is Probe or ImageA or ImageB;
}
