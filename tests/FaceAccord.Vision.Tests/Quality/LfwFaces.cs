using System.Numerics;
using FaceAccord.Core;
using FaceAccord.TestSupport;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Vision.Tests.Quality;

/// <summary>
/// Real LFW (deep-funneled) photos with synthetic landmarks: the funnelling puts every face at nearly the
/// same place, so the landmarks of the mean face (read off the average of 400 images) fit each one.
/// </summary>
internal static class LfwFaces
{
    public static readonly FaceLandmarks Landmarks = new(
        LeftEye: new Vector2(147, 112),
        RightEye: new Vector2(102, 112),
        Nose: new Vector2(125, 137),
        Mouth: new Vector2(125, 158),
        LeftEar: new Vector2(170, 125),
        RightEar: new Vector2(80, 125));

    public static readonly DetectedFace Face = new(new FaceBox(80, 85, 90, 100), 1f, Landmarks);

    /// <summary>Frontal, well-lit, in-focus samples of different people.</summary>
    public static readonly string[] People = ["Aaron_Peirsol", "Colin_Powell", "George_W_Bush", "Serena_Williams", "Gloria_Macapagal_Arroyo", "Tony_Blair"];

    public static RgbImage Load(string person, int number = 1) => ImageDecoder.Default.DecodeFile(TestPaths.Lfw(person, number));

    /// <summary>Separable Gaussian blur with clamped edges.</summary>
    public static RgbImage Blur(RgbImage image, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        double[] k = [.. Enumerable.Range(-radius, (2 * radius) + 1).Select(i => Math.Exp(-i * i / (2 * sigma * sigma)))];
        double total = k.Sum();
        int w = image.Width, h = image.Height;
        var tmp = new double[w * h * 3];
        var output = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int t = -radius; t <= radius; t++)
                    {
                        s += k[t + radius] * image.Pixels[(((y * w) + Math.Clamp(x + t, 0, w - 1)) * 3) + c];
                    }

                    tmp[(((y * w) + x) * 3) + c] = s / total;
                }
            }
        }

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int t = -radius; t <= radius; t++)
                    {
                        s += k[t + radius] * tmp[(((Math.Clamp(y + t, 0, h - 1) * w) + x) * 3) + c];
                    }

                    output[(((y * w) + x) * 3) + c] = (byte)Math.Round(s / total);
                }
            }
        }

        return new RgbImage(w, h, output);
    }

    /// <summary>Every channel times <paramref name="gain"/> plus <paramref name="offset"/>, clamped to 0..255.</summary>
    public static RgbImage Exposure(RgbImage image, float gain, float offset = 0) =>
        new(image.Width, image.Height, [.. image.Pixels.Select(p => (byte)Math.Clamp((p * gain) + offset, 0, 255))]);
}
