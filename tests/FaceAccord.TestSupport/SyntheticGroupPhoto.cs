using System.Drawing;
using SkiaSharp;

namespace FaceAccord.TestSupport;

/// <summary>
/// A group photo stand-in made at run time (never stored): LFW heads, each faded into a textured backdrop on a
/// grid, at face sizes chosen by the caller, with their true face boxes, so recall on small faces in large photos
/// can be measured where the shared data has no such photo.
/// </summary>
public static class SyntheticGroupPhoto
{
    /// <summary>One person to place: an LFW image and its face box there (as the detector reports it at 250×250).</summary>
    public readonly record struct Person(string LfwImage, RectangleF Face);

    /// <summary>
    /// JPEG bytes of a <paramref name="width"/> × <paramref name="height"/> photo with each person's face
    /// <paramref name="faceWidths"/>[i] pixels wide, and the true face boxes in the photo.
    /// </summary>
    public static (byte[] Jpeg, IReadOnlyList<RectangleF> Faces) Make(IReadOnlyList<Person> people, IReadOnlyList<float> faceWidths, int width, int height, int seed)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(faceWidths);
        if (people.Count != faceWidths.Count || people.Count == 0)
        {
            throw new ArgumentException("One face width per person, and at least one person.", nameof(faceWidths));
        }

        var random = new Random(seed);
        int columns = (int)Math.Ceiling(Math.Sqrt(people.Count * (double)width / height));
        int rows = (int)Math.Ceiling(people.Count / (double)columns);
        float cellWidth = width / (float)columns, cellHeight = height / (float)rows;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.FromHsv(random.Next(0, 360), random.Next(5, 30), random.Next(40, 85)));
        float frequency = 8f / Math.Max(width, height);
        using (var noise = new SKPaint { Shader = SKShader.CreatePerlinNoiseFractalNoise(frequency, frequency, 4, seed), BlendMode = SKBlendMode.Overlay })
        {
            canvas.DrawRect(0, 0, width, height, noise);
        }

        var faces = new List<RectangleF>(people.Count);
        for (int i = 0; i < people.Count; i++)
        {
            var (file, face) = people[i];
            using var head = SKBitmap.Decode(file) ?? throw new InvalidDataException($"{file} is not an image Skia can read.");
            float scale = faceWidths[i] / face.Width;

            // The head (face plus hair and chin) fits its cell; the face's centre is jittered inside what is left.
            float patch = 1.8f * face.Width * scale;
            if (patch > Math.Min(cellWidth, cellHeight))
            {
                throw new ArgumentException($"A face {faceWidths[i]} px wide does not fit a {cellWidth:0}×{cellHeight:0} cell.", nameof(faceWidths));
            }

            float cx = ((i % columns) + 0.5f) * cellWidth + (float)((random.NextDouble() - 0.5) * (cellWidth - patch));
            float cy = ((i / columns) + 0.5f) * cellHeight + (float)((random.NextDouble() - 0.5) * (cellHeight - patch));
            float fx = face.X + (face.Width / 2), fy = face.Y + (face.Height / 2);
            var dest = SKRect.Create(cx - (fx * scale), cy - (fy * scale), head.Width * scale, head.Height * scale);
            canvas.SaveLayer(dest, null);
            using (var image = SKImage.FromBitmap(head))
            {
                canvas.DrawImage(image, dest, new SKSamplingOptions(SKCubicResampler.Mitchell));
            }

            using (var fade = new SKPaint
            {
                BlendMode = SKBlendMode.DstIn,
                Shader = SKShader.CreateRadialGradient(new SKPoint(cx, cy), patch / 2, [SKColors.Black, SKColors.Black, SKColors.Transparent], [0f, 0.7f, 1f], SKShaderTileMode.Clamp),
            })
            {
                canvas.DrawRect(dest, fade);
            }

            canvas.Restore();
            faces.Add(new RectangleF(cx - (face.Width * scale / 2), cy - (face.Height * scale / 2), face.Width * scale, face.Height * scale));
        }

        using var snapshot = surface.Snapshot();
        using var pixmap = snapshot.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(90, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("Skia could not encode the JPEG.");
        return (data.ToArray(), faces);
    }
}
