using System.Numerics;

namespace FaceAccord.Core;

/// <summary>
/// The six keypoints a BlazeFace-style detector gives, in image pixels. "Left" and "right" are the
/// subject's own: the subject's left eye appears on the right side of an unmirrored photo.
/// </summary>
public readonly record struct FaceLandmarks(
    Vector2 LeftEye,
    Vector2 RightEye,
    Vector2 Nose,
    Vector2 Mouth,
    Vector2 LeftEar,
    Vector2 RightEar)
{
    /// <summary>Distance between the eye centres, the usual measure of face scale.</summary>
    public float InterOcularDistance => Vector2.Distance(LeftEye, RightEye);

    /// <summary>The points used for alignment, in a fixed order: left eye, right eye, nose, mouth.</summary>
    public Vector2[] AlignmentPoints() => [LeftEye, RightEye, Nose, Mouth];
}
