namespace FaceAccord.Vision.Detection;

/// <summary>Detection settings; the defaults were chosen on the development photos only.</summary>
public sealed record DetectorOptions
{
    /// <summary>Lowest detector confidence reported as a face.</summary>
    public float MinScore { get; init; } = 0.5f;

    /// <summary>Overlap above which two detections are the same face (weighted NMS).</summary>
    public float NmsIou { get; init; } = 0.3f;

    /// <summary>
    /// Smallest face, in image pixels, that detection must find. Large photos are additionally
    /// scanned in overlapping tiles so faces this small still reach the model's working size.
    /// </summary>
    public float MinFaceSize { get; init; } = 24f;

    /// <summary>Face size, in model-input pixels, that the model still detects reliably.</summary>
    public float ModelMinFaceSize { get; init; } = 20f;

    /// <summary>
    /// When nothing is found, the image is tried once more at this fraction of the input's side
    /// (a close-up whose face fills the frame is beyond the model's largest anchors).
    /// </summary>
    public float CloseUpFill { get; init; } = 0.6f;

    /// <summary>Upper bound on tiles per image, so huge photos cost bounded time.</summary>
    public int MaxTiles { get; init; } = 64;

    public static DetectorOptions Default { get; } = new();
}
