using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Imaging;
using SkiaSharp;

namespace FaceAccord.Vision.Alignment;

/// <summary>
/// The aligned face crop a person looks at when reviewing a match: the ArcFace five-point alignment the embedders use,
/// at <see cref="Size"/> px square with the face shrunk to <see cref="FaceZoom"/> so the hairline, ears and chin stay
/// in view, cut from pixels as fine as the photo holds and encoded as JPEG. 192 px is more than the 112 px the
/// embedders see, so a reviewer never judges from less than the model did, and small enough (about 10 KB) that
/// keeping one per enrolled face costs little; the crop shows the face and almost nothing of the scene around it.
/// </summary>
public static class ReviewCrop
{
    /// <summary>Width and height of the crop, in pixels.</summary>
    public const int Size = 192;

    /// <summary>The face's scale within the crop relative to the embedders' framing: below 1 keeps some context.</summary>
    public const float FaceZoom = 0.8f;

    /// <summary>JPEG quality: faces stay free of visible blocking at this size.</summary>
    public const int JpegQuality = 88;

    public const string ContentType = "image/jpeg";

    /// <summary>The crop of <paramref name="face"/>, a face detected in <paramref name="photo"/>, as JPEG bytes.</summary>
    public static byte[] Encode(Photo photo, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(face);
        var template = AlignmentTemplate.ArcFace112.ScaleTo(Size, Size).Zoom(FaceZoom);
        var pixels = FacePixels.For(photo, [face], f => [FacePixels.Crop.Of(template.TransformFor(f.Landmarks), Size, Size)])[0];
        var transform = template.TransformFor(pixels.Map(face.Landmarks));
        var values = new float[ImageResampler.TensorLength(Size, Size)];
        ImageResampler.Resample(pixels.Image, transform.ToMatrix(), Size, Size, PixelNormalization.Raw, TensorLayout.Nhwc, values);

        var rgba = new byte[Size * Size * 4];
        for (int i = 0, o = 0; i < values.Length; i += 3, o += 4)
        {
            rgba[o] = ToByte(values[i]);
            rgba[o + 1] = ToByte(values[i + 1]);
            rgba[o + 2] = ToByte(values[i + 2]);
            rgba[o + 3] = 255;
        }

        using var bitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }

    private static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
