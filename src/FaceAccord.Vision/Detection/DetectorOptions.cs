namespace FaceAccord.Vision.Detection;

/// <summary>
/// Detection settings; the defaults were chosen by measurement on the detection-dev group photos, LFW and synthetic
/// portraits made from LFW people kept apart from those the figures are reported on (docs/pipeline.md).
/// </summary>
public sealed record DetectorOptions
{
    /// <summary>Lowest score of a face the whole-photo view sees at a size the model is reliable at (≥ <see cref="DirectFaceSize"/>).</summary>
    public float MinScore { get; init; } = 0.5f;

    /// <summary>
    /// Score from which such a face counts on the whole view's word alone; between <see cref="MinScore"/> and this
    /// it must be confirmed like a small one (LFW's labelled faces score below it in 6 of 3,309 images).
    /// </summary>
    public float SureScore { get; init; } = 0.7f;

    /// <summary>Overlap above which two detections are the same face (weighted NMS).</summary>
    public float NmsIou { get; init; } = 0.3f;

    /// <summary>Smallest face, in photo pixels, that detection looks for in photos small enough to afford it.</summary>
    public float MinFaceSize { get; init; } = 24f;

    /// <summary>
    /// Smallest face detection looks for, as a share of the photo's longer side: what keeps a 12 MP photo from
    /// costing 200 tiles. The smallest face searched is the larger of this and <see cref="MinFaceSize"/>.
    /// </summary>
    public float MinFaceShare { get; init; } = 0.02f;

    /// <summary>
    /// Face width, in model-input pixels, from which the whole view's score can decide (see <see cref="SureScore"/>):
    /// below it a face must be confirmed by a second, closer view.
    /// </summary>
    public float DirectFaceSize { get; init; } = 40f;

    /// <summary>Smallest face, in model-input pixels, that a view still gives a usable hint of.</summary>
    public float HintFaceSize { get; init; } = 12f;

    /// <summary>Lowest score of a candidate worth a closer look (a hint).</summary>
    public float HintScore { get; init; } = 0.3f;

    /// <summary>Lowest score anywhere in the whole-photo view that makes the tile around it worth running.</summary>
    public float LookScore { get; init; } = 0.1f;

    /// <summary>Width, in model-input pixels, a hinted face is given in the view that confirms it.</summary>
    public float ConfirmFaceSize { get; init; } = 40f;

    /// <summary>Lowest score in the confirming view for a hinted face to count.</summary>
    public float ConfirmScore { get; init; } = 0.65f;

    /// <summary>
    /// Share of a face's box that may lie inside a larger face's box; beyond it the smaller one is a part of the
    /// larger face (an eye, hair), not a face of its own.
    /// </summary>
    public float MaxContainedShare { get; init; } = 0.5f;

    /// <summary>
    /// Least distance between the eyes, as a share of the box width, for the keypoints of a face that needed
    /// confirmation to look like a face's (a sure score vouches for turned faces whose eyes come closer).
    /// </summary>
    public float MinEyeSpan { get; init; } = 0.1f;

    /// <summary>
    /// When nothing is found, the image is tried once more at this fraction of the input's side
    /// (a close-up whose face fills the frame is beyond the model's largest anchors).
    /// </summary>
    public float CloseUpFill { get; init; } = 0.6f;

    /// <summary>Upper bound on tiles and confirming views per photo, so any photo costs bounded time.</summary>
    public int MaxViews { get; init; } = 48;

    /// <summary>
    /// Long side, in pixels, a large JPEG is decoded to for detection (by DCT scaling); faces that need finer
    /// pixels get them from their own region.
    /// </summary>
    public int WorkingSide { get; init; } = 640;

    public static DetectorOptions Default { get; } = new();
}
