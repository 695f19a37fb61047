using System.Drawing;
using System.Numerics;
using FaceAccord.Core;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// Pixels that stand for part or all of a <see cref="Photo"/> at some scale, with the map from photo coordinates
/// into them, so every stage works in the photo's own coordinates whichever pixels it reads.
/// </summary>
/// <param name="Image">The pixels (upright).</param>
/// <param name="Scale">Pixels per photo pixel: 1 at full resolution, 0.25 for a JPEG decoded at a quarter.</param>
/// <param name="OffsetX">pixel x = photo x × Scale + OffsetX (pixel centres at integers).</param>
/// <param name="OffsetY">As <paramref name="OffsetX"/>, vertically.</param>
/// <param name="Extent">The part of the photo these pixels show, in photo coordinates.</param>
public readonly record struct PhotoPixels(RgbImage Image, float Scale, float OffsetX, float OffsetY, RectangleF Extent)
{
    /// <summary>Full-resolution pixels of a whole photo: the identity map.</summary>
    public static PhotoPixels Whole(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(image, 1f, 0f, 0f, new RectangleF(0, 0, image.Width, image.Height));
    }

    /// <summary>Photo coordinates to pixel coordinates.</summary>
    public Matrix3x2 FromPhoto => new(Scale, 0, 0, Scale, OffsetX, OffsetY);

    public Vector2 Map(Vector2 photoPoint) => (photoPoint * Scale) + new Vector2(OffsetX, OffsetY);

    /// <summary>The landmarks of a face, moved into these pixels' coordinates.</summary>
    public FaceLandmarks Map(FaceLandmarks l) =>
        new(Map(l.LeftEye), Map(l.RightEye), Map(l.Nose), Map(l.Mouth), Map(l.LeftEar), Map(l.RightEar));

    /// <summary>A face moved into these pixels' coordinates.</summary>
    public DetectedFace Map(DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var b = face.Box;
        var topLeft = Map(new Vector2(b.X, b.Y));
        return face with { Box = new FaceBox(topLeft.X, topLeft.Y, b.Width * Scale, b.Height * Scale), Landmarks = Map(face.Landmarks) };
    }

    /// <summary>True when these pixels show all of <paramref name="photoRegion"/> that lies within <paramref name="photo"/>.</summary>
    public bool Covers(RectangleF photoRegion, RectangleF photo)
    {
        var needed = RectangleF.Intersect(photoRegion, photo);
        return needed.IsEmpty || Extent.Contains(needed);
    }
}
