using FaceAccord.Core;
using SkiaSharp;

namespace FaceAccord.Vision.Tests.Imaging;

/// <summary>Synthetic images with known pixels, and Skia encodings of them.</summary>
internal static class TestImages
{
    /// <summary>A smooth, asymmetric colour pattern: every position and orientation looks different.</summary>
    public static RgbImage Pattern(int width, int height)
    {
        var p = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                p[i] = (byte)(255 * x / Math.Max(1, width - 1));
                p[i + 1] = (byte)(255 * y / Math.Max(1, height - 1));
                p[i + 2] = (byte)(128 + (100 * Math.Sin((x * 0.3) + (y * 0.1))));
            }
        }

        return new RgbImage(width, height, p);
    }

    /// <summary>Four flat quadrants (red, green / blue, white): survives JPEG and shows any flip or turn.</summary>
    public static RgbImage Quadrants(int width, int height)
    {
        var p = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool right = x >= width / 2, bottom = y >= height / 2;
                (byte r, byte g, byte b) = (right, bottom) switch
                {
                    (false, false) => ((byte)230, (byte)20, (byte)20),
                    (true, false) => ((byte)20, (byte)200, (byte)20),
                    (false, true) => ((byte)20, (byte)20, (byte)220),
                    _ => ((byte)240, (byte)240, (byte)240),
                };
                int i = ((y * width) + x) * 3;
                p[i] = r;
                p[i + 1] = g;
                p[i + 2] = b;
            }
        }

        return new RgbImage(width, height, p);
    }

    /// <summary>Encodes with Skia (PNG, JPEG, WebP); WebP at quality 100 is lossless.</summary>
    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality = 100)
    {
        using var bitmap = ToBitmap(image);
        using var pixmap = bitmap.PeekPixels();
        using SKData? data = format switch
        {
            SKEncodedImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, quality)),
            SKEncodedImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore)),
            _ => pixmap.Encode(SKPngEncoderOptions.Default),
        };
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode {format}.");
    }

    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int i = ((y * image.Width) + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]));
            }
        }

        return bitmap;
    }

    /// <summary>Reference flips and turns, written the obvious way to check the decoder's fused copy.</summary>
    public static RgbImage MirrorHorizontally(RgbImage s) => Remap(s, s.Width, s.Height, (x, y) => (s.Width - 1 - x, y));

    /// <summary>Rotates 90° clockwise: output (x, y) shows source (y, H − 1 − x).</summary>
    public static RgbImage RotateClockwise(RgbImage s) => Remap(s, s.Height, s.Width, (x, y) => (y, s.Height - 1 - x));

    /// <summary>Largest per-channel difference between two images of the same size.</summary>
    public static int MaxDifference(RgbImage a, RgbImage b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int max = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        }

        return max;
    }

    private static RgbImage Remap(RgbImage s, int width, int height, Func<int, int, (int X, int Y)> sourceOf)
    {
        var p = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var (sx, sy) = sourceOf(x, y);
                Array.Copy(s.Pixels, ((sy * s.Width) + sx) * 3, p, ((y * width) + x) * 3, 3);
            }
        }

        return new RgbImage(width, height, p);
    }
}
