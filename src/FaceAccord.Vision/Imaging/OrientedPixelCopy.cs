using System.Runtime.Intrinsics;
using SkiaSharp;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// Turns the codec's RGBA rows into tightly packed RGB while applying the EXIF orientation in the same
/// pass, so an upright image costs no extra copy. Transposing orientations (phone portraits) are copied
/// in tiles to keep the scattered writes inside the cache.
/// </summary>
internal static class OrientedPixelCopy
{
    private const int Tile = 64;

    /// <summary>
    /// Copies <paramref name="rgba"/> (stored orientation, <c>width * 4</c> bytes a row) into
    /// <paramref name="rgb"/> (upright). With <paramref name="premultiplied"/> the colours are composited
    /// over white, which is what a viewer shows for transparent pixels.
    /// </summary>
    public static unsafe void Copy(ReadOnlySpan<byte> rgba, int width, int height, SKEncodedOrigin origin, bool premultiplied, Span<byte> rgb)
    {
        long pixels = (long)width * height;
        if (rgba.Length < pixels * 4 || rgb.Length < pixels * 3)
        {
            throw new ArgumentException("Pixel buffers are smaller than the image.");
        }

        fixed (byte* s = rgba)
        fixed (byte* d = rgb)
        {
            if (ExifOrientation.IsIdentity(origin) && !premultiplied)
            {
                CopyStraight(s, d, pixels);
                return;
            }

            // Destination pixel index of stored pixel (x, y) is start + x * stepX + y * stepY.
            var (outW, _) = ExifOrientation.UprightSize(origin, width, height);
            Mapping(origin, width, height, outW, out long start, out long stepX, out long stepY);
            for (int ty = 0; ty < height; ty += Tile)
            {
                int yEnd = Math.Min(height, ty + Tile);
                for (int tx = 0; tx < width; tx += Tile)
                {
                    int xEnd = Math.Min(width, tx + Tile);
                    for (int y = ty; y < yEnd; y++)
                    {
                        byte* src = s + ((long)y * width + tx) * 4;
                        long di = start + tx * stepX + y * stepY;
                        for (int x = tx; x < xEnd; x++, src += 4, di += stepX)
                        {
                            byte* dst = d + di * 3;
                            if (premultiplied)
                            {
                                // Premultiplied colour over white: c + 255 * (1 - a), never above 255.
                                int white = 255 - src[3];
                                dst[0] = (byte)(src[0] + white);
                                dst[1] = (byte)(src[1] + white);
                                dst[2] = (byte)(src[2] + white);
                            }
                            else
                            {
                                dst[0] = src[0];
                                dst[1] = src[1];
                                dst[2] = src[2];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Mapping(SKEncodedOrigin origin, int w, int h, int outW, out long start, out long stepX, out long stepY)
    {
        // (ox, oy) of the stored pixel (x, y) is affine in x and y; evaluate it at three points.
        long Index((long X, long Y) p) => p.Y * outW + p.X;
        start = Index(ExifOrientation.Upright(origin, w, h, 0, 0));
        stepX = Index(ExifOrientation.Upright(origin, w, h, 1, 0)) - start;
        stepY = Index(ExifOrientation.Upright(origin, w, h, 0, 1)) - start;
    }

    /// <summary>RGBA → RGB for an upright opaque image: 4 pixels per shuffle, scalar tail.</summary>
    private static unsafe void CopyStraight(byte* s, byte* d, long pixels)
    {
        long i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var mask = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

            // Each store writes 16 bytes of which 12 are kept; stop while 4 spare bytes remain.
            for (; (i + 4) * 3 + 4 <= pixels * 3; i += 4)
            {
                Vector128.Store(Vector128.Shuffle(Vector128.Load(s + i * 4), mask), d + i * 3);
            }
        }

        for (; i < pixels; i++)
        {
            d[i * 3] = s[i * 4];
            d[i * 3 + 1] = s[i * 4 + 1];
            d[i * 3 + 2] = s[i * 4 + 2];
        }
    }
}
