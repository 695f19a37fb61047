namespace FaceAccord.Storage.Encryption;

/// <summary>
/// A column whose values are sealed at rest: its table, the row id the seal is bound to, and the columns holding the
/// sealed bytes, the seal and the key id. Re-sealing (a first open after an upgrade, a key rotation) walks every
/// column listed in <see cref="All"/>; a new kind of sensitive data (face crops) is sealed by adding its column here.
/// </summary>
internal sealed record SealedColumn(string Purpose, string Table, string RowId, string Data, string Seal, string KeyId)
{
    public static SealedColumn Templates { get; } = new("template", "faces", "id", "template", "template_seal", "template_key");

    public static SealedColumn Images { get; } = new("image", "face_images", "face_key", "bytes", "seal", "key_id");

    public static SealedColumn FaceCrops { get; } = new("face-crop", "face_crops", "face_key", "bytes", "seal", "key_id");

    public static SealedColumn ProbeCrops { get; } = new("probe-crop", "probe_crops", "id", "bytes", "seal", "key_id");

    public static IReadOnlyList<SealedColumn> All { get; } = [Templates, Images, FaceCrops, ProbeCrops];
}
