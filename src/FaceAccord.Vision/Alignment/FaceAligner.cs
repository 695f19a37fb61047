using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Vision.Alignment;

/// <summary>
/// Cuts a face out of an image into a model's input tensor: one similarity warp, bilinear, normalised
/// and laid out as the model wants, written straight into the batch slot (no intermediate image).
/// Borders are black, see <see cref="ImageResampler"/>.
/// </summary>
public static class FaceAligner
{
    /// <summary>
    /// Writes the <paramref name="width"/> × <paramref name="height"/> crop that <paramref name="imageToCrop"/>
    /// defines into <paramref name="destination"/> (one batch item). With <paramref name="mirror"/> the crop is
    /// flipped left-right, for flip test-time augmentation.
    /// </summary>
    public static void Warp(
        RgbImage source,
        SimilarityTransform imageToCrop,
        int width,
        int height,
        PixelNormalization normalization,
        TensorLayout layout,
        Span<float> destination,
        bool mirror = false)
    {
        Matrix3x2 map = imageToCrop.ToMatrix();
        if (mirror)
        {
            // Crop pixel x becomes width − 1 − x (pixel centres at integers).
            map *= new Matrix3x2(-1, 0, 0, 1, width - 1, 0);
        }

        ImageResampler.Resample(source, map, width, height, normalization, layout, destination);
    }

    /// <summary>Aligns a face onto <paramref name="template"/> and writes the crop, as <see cref="Warp"/>.</summary>
    public static SimilarityTransform Align(
        RgbImage source,
        FaceLandmarks landmarks,
        AlignmentTemplate template,
        PixelNormalization normalization,
        TensorLayout layout,
        Span<float> destination,
        bool mirror = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        var transform = template.TransformFor(landmarks);
        Warp(source, transform, template.Width, template.Height, normalization, layout, destination, mirror);
        return transform;
    }
}
