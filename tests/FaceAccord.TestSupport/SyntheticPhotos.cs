using SkiaSharp;

namespace FaceAccord.TestSupport;

/// <summary>
/// Stand-ins for studio portraits, phone photos and enlarged copies, made at run time from the shared data (never
/// stored): the shared data holds no large photos, and large photos are where detection cost and false faces grow.
/// </summary>
/// <remarks>
/// A portrait is an LFW image enlarged so the face (about 95 px wide in deep-funneled LFW) fills a third of a
/// square frame, its own background faded into a plain or textured one by a soft oval, JPEG at quality 92 with
/// 4:2:0 chroma as cameras write. A phone copy enlarges that JPEG to fill the height of a 4032×3024 frame, the
/// sides filled with the portrait's background. These are synthetic enlargements of 250×250 photos: softer than
/// a real camera's pixels, which a report quoting them must say.
/// </remarks>
public static class SyntheticPhotos
{
    /// <summary>Width of the face box in a deep-funneled LFW image, in its pixels.</summary>
    private const float LfwFaceWidth = 95f;

    /// <summary>Where LFW's face centre lies in its 250×250 frame.</summary>
    private const float LfwFaceCentreX = 125f;

    private const float LfwFaceCentreY = 135f;

    /// <summary>Background of a synthetic portrait.</summary>
    public enum Backdrop
    {
        /// <summary>One flat studio colour.</summary>
        Plain,

        /// <summary>Fractal noise, like a mottled photographic backdrop.</summary>
        Textured,
    }

    /// <summary>A square portrait, JPEG bytes, of the LFW image at <paramref name="lfwImage"/>.</summary>
    public static byte[] Portrait(string lfwImage, int side = 1350, Backdrop backdrop = Backdrop.Plain, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 250);
        using var face = SKBitmap.Decode(lfwImage) ?? throw new InvalidDataException($"{lfwImage} is not an image Skia can read.");
        var info = new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        SKColor colour = BackdropColour(seed);
        PaintBackdrop(canvas, side, side, backdrop, colour, seed);

        // The face a third of the frame wide, its centre a little above the middle as portraits are framed.
        float scale = side / 3f / LfwFaceWidth;
        float left = (side / 2f) - (LfwFaceCentreX * scale);
        float top = (side * 0.45f) - (LfwFaceCentreY * scale);
        var dest = SKRect.Create(left, top, face.Width * scale, face.Height * scale);
        using (var image = SKImage.FromBitmap(face))
        {
            // An oval fade over the subject keeps head, hair and shoulders and hides LFW's square edge.
            canvas.SaveLayer();
            canvas.DrawImage(image, dest, new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var mask = new SKPaint
            {
                BlendMode = SKBlendMode.DstIn,
                Shader = SKShader.CreateRadialGradient(
                    new SKPoint(dest.MidX, dest.MidY),
                    dest.Width * 0.48f,
                    [SKColors.Black, SKColors.Black, SKColors.Transparent],
                    [0f, 0.72f, 1f],
                    SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(dest, mask);
            canvas.Restore();
        }

        return Jpeg(surface, 92);
    }

    /// <summary>
    /// A phone-sized copy of a portrait: the portrait enlarged to the frame's height and centred, the sides
    /// filled with its backdrop, JPEG bytes.
    /// </summary>
    public static byte[] PhoneCopy(byte[] portrait, int width = 4032, int height = 3024, Backdrop backdrop = Backdrop.Plain, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(portrait);
        using var source = SKBitmap.Decode(portrait) ?? throw new InvalidDataException("The portrait is not an image Skia can read.");
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        PaintBackdrop(canvas, width, height, backdrop, BackdropColour(seed), seed);
        float scale = Math.Min((float)width / source.Width, (float)height / source.Height);
        var dest = SKRect.Create((width - (source.Width * scale)) / 2, (height - (source.Height * scale)) / 2, source.Width * scale, source.Height * scale);
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.DrawImage(image, dest, new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        return Jpeg(surface, 90);
    }

    /// <summary>The image at <paramref name="path"/> enlarged <paramref name="factor"/> times (bicubic), JPEG bytes.</summary>
    public static byte[] Enlarged(string path, float factor)
    {
        using var source = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not an image Skia can read.");
        int width = (int)MathF.Round(source.Width * factor), height = (int)MathF.Round(source.Height * factor);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var image = SKImage.FromBitmap(source))
        {
            surface.Canvas.DrawImage(image, SKRect.Create(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        return Jpeg(surface, 92);
    }

    /// <summary>A muted studio colour, different per seed.</summary>
    private static SKColor BackdropColour(int seed)
    {
        var random = new Random(seed);
        return SKColor.FromHsv(random.Next(0, 360), random.Next(5, 35), random.Next(45, 90));
    }

    private static void PaintBackdrop(SKCanvas canvas, int width, int height, Backdrop backdrop, SKColor colour, int seed)
    {
        canvas.Clear(colour);
        if (backdrop != Backdrop.Textured)
        {
            return;
        }

        // Noise scaled to the frame, so a copy of another size shows the same mottling.
        float frequency = 6f / Math.Max(width, height);
        using var noise = new SKPaint
        {
            Shader = SKShader.CreatePerlinNoiseFractalNoise(frequency, frequency, 4, seed),
            BlendMode = SKBlendMode.Overlay,
        };
        canvas.DrawRect(0, 0, width, height, noise);
    }

    private static byte[] Jpeg(SKSurface surface, int quality)
    {
        using var snapshot = surface.Snapshot();
        using var pixmap = snapshot.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("Skia could not encode the JPEG.");
        return data.ToArray();
    }
}
