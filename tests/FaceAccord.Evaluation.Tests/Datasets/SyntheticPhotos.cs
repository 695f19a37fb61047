using FaceAccord.Core;
using SkiaSharp;

namespace FaceAccord.Evaluation.Tests.Datasets;

/// <summary>Seeded stand-ins for photographs (smooth random colour blobs) and the edits that make copies of one:
/// JPEG re-encoding, re-cropping, brightness changes.</summary>
internal static class SyntheticPhotos
{
    /// <summary>A <paramref name="size"/>² image of 40 soft blobs placed by <paramref name="seed"/>.</summary>
    public static RgbImage Photo(int seed, int size = 240)
    {
        var random = new Random(seed);
        var blobs = Enumerable.Range(0, 40).Select(_ => (
            X: random.NextDouble() * size, Y: random.NextDouble() * size, R: (0.04 + (random.NextDouble() * 0.15)) * size,
            C: new[] { random.Next(-120, 120), random.Next(-120, 120), random.Next(-120, 120) })).ToArray();
        var pixels = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double v = 128;
                    foreach (var b in blobs)
                    {
                        double d2 = (((x - b.X) * (x - b.X)) + ((y - b.Y) * (y - b.Y))) / (b.R * b.R);
                        v += b.C[c] * Math.Exp(-d2);
                    }

                    pixels[(((y * size) + x) * 3) + c] = (byte)Math.Clamp(v, 0, 255);
                }
            }
        }

        return new RgbImage(size, size, pixels);
    }

    /// <summary>The <paramref name="side"/>² square at (<paramref name="left"/>, <paramref name="top"/>) scaled to <paramref name="output"/>², nearest pixel.</summary>
    public static RgbImage Crop(RgbImage image, int left, int top, int side, int output = 200)
    {
        var pixels = new byte[output * output * 3];
        for (int y = 0; y < output; y++)
        {
            for (int x = 0; x < output; x++)
            {
                int sx = left + (x * side / output), sy = top + (y * side / output);
                Array.Copy(image.Pixels, ((sy * image.Width) + sx) * 3, pixels, ((y * output) + x) * 3, 3);
            }
        }

        return new RgbImage(output, output, pixels);
    }

    /// <summary>Every channel times <paramref name="gain"/> plus <paramref name="offset"/>, clamped.</summary>
    public static RgbImage Brighten(RgbImage image, double gain, double offset) =>
        new(image.Width, image.Height, [.. image.Pixels.Select(p => (byte)Math.Clamp((p * gain) + offset, 0, 255))]);

    /// <summary>The image as JPEG bytes at <paramref name="quality"/>.</summary>
    public static byte[] Jpeg(RgbImage image, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int i = ((y * image.Width) + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>The image after one JPEG round trip at <paramref name="quality"/>.</summary>
    public static RgbImage Reencode(RgbImage image, int quality) => Vision.Imaging.ImageDecoder.Default.Decode(Jpeg(image, quality));
}
