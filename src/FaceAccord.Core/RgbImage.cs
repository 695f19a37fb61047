namespace FaceAccord.Core;

/// <summary>
/// A decoded, upright image as tightly packed 8-bit RGB (3 bytes a pixel, row-major, no padding).
/// Every stage after decoding works on this one representation.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}×{height} RGB, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RGB bytes, row-major; index of pixel (x, y) is <c>(y * Width + x) * 3</c>.</summary>
    public byte[] Pixels { get; }
}
