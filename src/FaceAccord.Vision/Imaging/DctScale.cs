using SkiaSharp;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// libjpeg's DCT scaling (N/8, N = 1…8) as the decoder uses it: a JPEG decoded at 1/4 costs a fraction of a full
/// decode, and its pixel grid maps back onto the photo exactly, so nothing downstream needs the full pixels.
/// </summary>
internal static class DctScale
{
    public const int Full = 8;

    /// <summary>Fewest eighths whose decoded long side still reaches <paramref name="minLongSide"/> (8 when it is 0 or less).</summary>
    public static int EighthsFor(int longSide, int minLongSide)
    {
        if (minLongSide <= 0)
        {
            return Full;
        }

        for (int n = 1; n < Full; n++)
        {
            if (Scaled(longSide, n) >= minLongSide)
            {
                return n;
            }
        }

        return Full;
    }

    /// <summary>Fewest eighths that give at least <paramref name="scale"/> pixels per photo pixel.</summary>
    public static int EighthsAtLeast(float scale) => Math.Clamp((int)MathF.Ceiling((scale * Full) - 1e-3f), 1, Full);

    /// <summary>Decoded length of a side at <paramref name="eighths"/>: libjpeg rounds up.</summary>
    public static int Scaled(int side, int eighths) => (int)(((long)side * eighths + Full - 1) / Full);

    /// <summary>
    /// The codec's dimensions at <paramref name="eighths"/>, or null when it would not decode at exactly that
    /// scale (only JPEG's DCT scaling is exact and cheap; other formats are decoded whole).
    /// </summary>
    public static SKSizeI? Dimensions(SKCodec codec, int eighths)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var stored = codec.Info;
        if (eighths == Full)
        {
            return new SKSizeI(stored.Width, stored.Height);
        }

        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return null;
        }

        var d = codec.GetScaledDimensions(eighths / (float)Full);
        return d.Width == Scaled(stored.Width, eighths) && d.Height == Scaled(stored.Height, eighths) ? d : null;
    }

    /// <summary>
    /// Where photo coordinates land in the upright pixels decoded at <paramref name="eighths"/>: pixel = photo × s + offset.
    /// Along an axis the orientation reverses, the partly filled last block of the stored image comes first, which
    /// shifts the grid by the part of that block the photo lacks.
    /// </summary>
    public static (float Scale, float OffsetX, float OffsetY) Mapping(
        SKEncodedOrigin origin, int uprightWidth, int uprightHeight, int scaledUprightWidth, int scaledUprightHeight, int eighths)
    {
        float s = eighths / (float)Full;
        var (reversedX, reversedY) = ExifOrientation.ReversedAxes(origin);
        float shiftX = reversedX ? uprightWidth - (scaledUprightWidth / s) : 0;
        float shiftY = reversedY ? uprightHeight - (scaledUprightHeight / s) : 0;

        // Pixel j covers photo [j/s − ½, (j+1)/s − ½] + shift: its centre is photo (j + ½)/s − ½ + shift.
        float centre = (0.5f * s) - 0.5f;
        return (s, centre - (shiftX * s), centre - (shiftY * s));
    }
}
