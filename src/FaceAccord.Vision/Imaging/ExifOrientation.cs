using SkiaSharp;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// The geometry of EXIF orientation: where a stored pixel belongs once the image is shown upright, and back, so
/// the decoder can turn whole images and find the stored rows and columns behind an upright region.
/// </summary>
/// <remarks>
/// The origin names where the stored first row and first column belong when viewed, e.g. RightTop (6) = stored
/// row 0 is the right edge and stored column 0 the top: a 90° clockwise turn.
/// </remarks>
internal static class ExifOrientation
{
    public static bool IsIdentity(SKEncodedOrigin origin) => origin is SKEncodedOrigin.TopLeft || (int)origin is < 1 or > 8;

    public static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Size of the upright image for a stored image of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static (int Width, int Height) UprightSize(SKEncodedOrigin origin, int width, int height) =>
        SwapsAxes(origin) ? (height, width) : (width, height);

    /// <summary>Whether the upright x and y axes run against the stored axes they come from.</summary>
    public static (bool X, bool Y) ReversedAxes(SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopRight => (true, false),
        SKEncodedOrigin.BottomRight => (true, true),
        SKEncodedOrigin.BottomLeft => (false, true),
        SKEncodedOrigin.RightTop => (true, false),
        SKEncodedOrigin.RightBottom => (true, true),
        SKEncodedOrigin.LeftBottom => (false, true),
        _ => (false, false),
    };

    /// <summary>Upright position of stored pixel (x, y) of a <paramref name="w"/> × <paramref name="h"/> stored image.</summary>
    public static (long X, long Y) Upright(SKEncodedOrigin origin, long w, long h, long x, long y) => origin switch
    {
        SKEncodedOrigin.TopRight => (w - 1 - x, y),
        SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (h - 1 - y, x),
        SKEncodedOrigin.RightBottom => (h - 1 - y, w - 1 - x),
        SKEncodedOrigin.LeftBottom => (y, w - 1 - x),
        _ => (x, y),
    };

    /// <summary>Stored position of upright pixel (u, v): the inverse of <see cref="Upright"/>.</summary>
    public static (long X, long Y) Stored(SKEncodedOrigin origin, long w, long h, long u, long v) => origin switch
    {
        SKEncodedOrigin.TopRight => (w - 1 - u, v),
        SKEncodedOrigin.BottomRight => (w - 1 - u, h - 1 - v),
        SKEncodedOrigin.BottomLeft => (u, h - 1 - v),
        SKEncodedOrigin.LeftTop => (v, u),
        SKEncodedOrigin.RightTop => (v, h - 1 - u),
        SKEncodedOrigin.RightBottom => (w - 1 - v, h - 1 - u),
        SKEncodedOrigin.LeftBottom => (w - 1 - v, u),
        _ => (u, v),
    };

    /// <summary>
    /// The stored pixel rectangle [X0, X1) × [Y0, Y1) behind the upright rectangle [u0, u1) × [v0, v1) of a
    /// <paramref name="w"/> × <paramref name="h"/> stored image: orientation only flips and transposes, so a
    /// rectangle stays one.
    /// </summary>
    public static (int X0, int Y0, int X1, int Y1) StoredRect(SKEncodedOrigin origin, int w, int h, int u0, int v0, int u1, int v1)
    {
        var a = Stored(origin, w, h, u0, v0);
        var b = Stored(origin, w, h, u1 - 1, v1 - 1);
        return ((int)Math.Min(a.X, b.X), (int)Math.Min(a.Y, b.Y), (int)Math.Max(a.X, b.X) + 1, (int)Math.Max(a.Y, b.Y) + 1);
    }
}
