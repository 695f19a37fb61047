using System.Numerics;
using FaceAccord.Core;

namespace FaceAccord.Vision.Alignment;

/// <summary>
/// Where an embedding model expects the eyes, nose tip and mouth centre to land in its input crop, in
/// output pixel coordinates (pixel centres at integers). Each model was trained on crops made with one such
/// template; aligning with a different one costs accuracy, so the template is data of the model pack.
/// Left and right are the subject's own, as in <see cref="FaceLandmarks"/>.
/// </summary>
public sealed record AlignmentTemplate
{
    public AlignmentTemplate(int width, int height, Vector2 leftEye, Vector2 rightEye, Vector2 nose, Vector2 mouth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        LeftEye = leftEye;
        RightEye = rightEye;
        Nose = nose;
        Mouth = mouth;
    }

    /// <summary>
    /// The 112×112 ArcFace/InsightFace template (Deng et al. 2019, <c>arcface_dst</c>), with the two mouth
    /// corners merged into their midpoint because our detector gives a single mouth point.
    /// </summary>
    public static AlignmentTemplate ArcFace112 { get; } = new(
        112,
        112,
        leftEye: new Vector2(73.5318f, 51.5014f),
        rightEye: new Vector2(38.2946f, 51.6963f),
        nose: new Vector2(56.0252f, 71.7366f),
        mouth: new Vector2((41.5493f + 70.7299f) / 2, (92.3655f + 92.2041f) / 2));

    public int Width { get; }

    public int Height { get; }

    public Vector2 LeftEye { get; }

    public Vector2 RightEye { get; }

    public Vector2 Nose { get; }

    public Vector2 Mouth { get; }

    /// <summary>
    /// A template from eight numbers (x, y of left eye, right eye, nose, mouth), the layout model
    /// manifests store.
    /// </summary>
    public static AlignmentTemplate FromPoints(int width, int height, IReadOnlyList<float> xy)
    {
        ArgumentNullException.ThrowIfNull(xy);
        if (xy.Count != 8)
        {
            throw new ArgumentException($"An alignment template needs 8 numbers, got {xy.Count}.", nameof(xy));
        }

        return new AlignmentTemplate(
            width,
            height,
            new Vector2(xy[0], xy[1]),
            new Vector2(xy[2], xy[3]),
            new Vector2(xy[4], xy[5]),
            new Vector2(xy[6], xy[7]));
    }

    /// <summary>The points in <see cref="FaceLandmarks.AlignmentPoints"/> order: left eye, right eye, nose, mouth.</summary>
    public Vector2[] Points() => [LeftEye, RightEye, Nose, Mouth];

    /// <summary>The transform that carries a detected face's landmarks onto this template.</summary>
    public SimilarityTransform TransformFor(FaceLandmarks landmarks) =>
        SimilarityTransform.Estimate(landmarks.AlignmentPoints(), Points());

    /// <summary>
    /// The same template for a crop of another size: the whole crop is resampled, so a point at pixel
    /// centre x moves to <c>(x + ½)·width/Width − ½</c> (and likewise in y).
    /// </summary>
    public AlignmentTemplate ScaleTo(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        float sx = (float)width / Width;
        float sy = (float)height / Height;
        Vector2 Map(Vector2 p) => new(((p.X + 0.5f) * sx) - 0.5f, ((p.Y + 0.5f) * sy) - 0.5f);
        return new AlignmentTemplate(width, height, Map(LeftEye), Map(RightEye), Map(Nose), Map(Mouth));
    }

    /// <summary>
    /// The same crop size with the face shrunk (<paramref name="factor"/> &lt; 1, more context) or enlarged
    /// about the crop centre; used for models trained on looser or tighter crops.
    /// </summary>
    public AlignmentTemplate Zoom(float factor)
    {
        if (!(factor > 0) || !float.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The zoom factor must be positive and finite.");
        }

        var centre = new Vector2((Width - 1) / 2f, (Height - 1) / 2f);
        Vector2 Map(Vector2 p) => centre + ((p - centre) * factor);
        return new AlignmentTemplate(Width, Height, Map(LeftEye), Map(RightEye), Map(Nose), Map(Mouth));
    }
}
