using System.Drawing;
using FaceAccord.Core;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// A decoded photo as the face pipeline uses it: upright working pixels no finer than detection needs (a 12 MP
/// JPEG decoded by DCT scaling at a quarter of its size), and finer pixels of a region on demand, so the cost of
/// a large photo follows its faces rather than its pixel count. Coordinates everywhere are the photo's own.
/// </summary>
public sealed class Photo
{
    private readonly JpegRegionDecoder? _source;
    private readonly Lock _gate = new();
    private PhotoPixels? _finer;

    internal Photo(int width, int height, PhotoPixels working, JpegRegionDecoder? source)
    {
        Width = width;
        Height = height;
        Working = working;
        _source = source;
    }

    /// <summary>Upright width at full resolution.</summary>
    public int Width { get; }

    /// <summary>Upright height at full resolution.</summary>
    public int Height { get; }

    /// <summary>The whole photo at the working scale.</summary>
    public PhotoPixels Working { get; }

    /// <summary>Working pixels per photo pixel (1 when the photo was decoded whole).</summary>
    public float Scale => Working.Scale;

    /// <summary>The finest scale <see cref="PixelsFor"/> can give: 1 when the encoded photo can be decoded again.</summary>
    public float FinestScale => _source is null ? Working.Scale : 1f;

    /// <summary>An image already decoded in full: every pixel is there, nothing finer exists.</summary>
    public static Photo Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(image.Width, image.Height, PhotoPixels.Whole(image), null);
    }

    /// <summary>
    /// Pixels showing <paramref name="region"/> (photo coordinates) with at least <paramref name="scale"/> pixels per
    /// photo pixel, or as close as the photo allows: the working pixels when they suffice, otherwise the region
    /// decoded again at the smallest DCT scale that does. The last such region is kept for the next request.
    /// </summary>
    public PhotoPixels PixelsFor(RectangleF region, float scale)
    {
        if (_source is null || Working.Scale >= scale)
        {
            return Working;
        }

        var photo = new RectangleF(0, 0, Width, Height);
        int eighths = DctScale.EighthsAtLeast(scale);
        lock (_gate)
        {
            if (_finer is { } kept && kept.Scale >= eighths / (float)DctScale.Full && kept.Covers(region, photo))
            {
                return kept;
            }

            var clipped = RectangleF.Intersect(region, photo);
            if (clipped.IsEmpty)
            {
                return Working;
            }

            var pixels = _source.Decode(clipped, eighths);
            _finer = pixels;
            return pixels;
        }
    }
}
