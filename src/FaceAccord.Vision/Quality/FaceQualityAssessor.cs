using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Alignment;

namespace FaceAccord.Vision.Quality;

/// <summary>
/// Measures how usable a detected face is for recognition (size, pose, focus, exposure) and judges it
/// against a <see cref="QualityRule"/>, so poor enrolment photos are refused with a reason instead of
/// silently making weak templates.
/// </summary>
/// <remarks>
/// Focus and exposure are measured on the face alone: a 112×112 crop aligned with
/// <see cref="AlignmentTemplate.ArcFace112"/> (eyebrows to chin), converted to Rec. 601 luma in 0..1.
/// <see cref="FaceQuality.Sharpness"/> is the variance of the 4-neighbour Laplacian of that crop divided by
/// the variance of the crop itself: a contrast-free ratio, so a dim but focused face is not called blurry and
/// a flat, featureless crop scores 0. Fixed crop size makes the number comparable across image sizes; a face
/// upscaled from few pixels scores low, as it should. Pixels of the crop that fall outside the image are
/// left out of every statistic.
/// </remarks>
public static class FaceQualityAssessor
{
    private const int Size = 112;

    // Keeps a uniform crop (variance 0) at sharpness 0 instead of 0/0.
    private const float VarianceFloor = 1e-4f;

    /// <summary>Measures <paramref name="face"/> in <paramref name="image"/>, with pose from its landmarks.</summary>
    public static FaceQuality Assess(RgbImage image, DetectedFace face) =>
        Assess(image, face, HeadPose.FromLandmarks((face ?? throw new ArgumentNullException(nameof(face))).Landmarks));

    /// <summary>Measures <paramref name="face"/> in <paramref name="image"/> with a pose measured elsewhere (a pose model).</summary>
    public static FaceQuality Assess(RgbImage image, DetectedFace face, HeadPose pose)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var landmarks = face.Landmarks;
        var stats = MeasureCrop(image, landmarks);
        return new FaceQuality(
            landmarks.InterOcularDistance,
            face.Box.Width,
            face.Box.Height,
            pose,
            SharpnessOf(stats),
            stats.MeanLuminance,
            stats.ClippedFraction);
    }

    /// <summary>Judges measured quality; lists every failed check (see <see cref="QualityCheck"/>).</summary>
    public static QualityVerdict Evaluate(FaceQuality quality, QualityRule rule)
    {
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(rule);
        var failed = new List<string>();

        // Written as "not within" so that NaN measurements fail rather than pass.
        if (!(quality.InterOcularDistance >= rule.MinInterOcularDistance) ||
            !(Math.Min(quality.FaceWidth, quality.FaceHeight) >= rule.MinFaceSize))
        {
            failed.Add(QualityCheck.FaceTooSmall);
        }

        if (!(MathF.Abs(quality.Pose.Yaw) <= rule.MaxAbsYaw))
        {
            failed.Add(QualityCheck.PoseYaw);
        }

        if (!(MathF.Abs(quality.Pose.Roll) <= rule.MaxAbsRoll))
        {
            failed.Add(QualityCheck.PoseRoll);
        }

        if (!(MathF.Abs(quality.Pose.Pitch) <= rule.MaxAbsPitch))
        {
            failed.Add(QualityCheck.PosePitch);
        }

        if (!(quality.Sharpness >= rule.MinSharpness))
        {
            failed.Add(QualityCheck.Blurry);
        }

        if (!(quality.MeanLuminance >= rule.MinLuminance))
        {
            failed.Add(QualityCheck.TooDark);
        }

        if (!(quality.MeanLuminance <= rule.MaxLuminance))
        {
            failed.Add(QualityCheck.TooBright);
        }

        if (!(quality.ClippedFraction <= rule.MaxClippedFraction))
        {
            failed.Add(QualityCheck.Overexposed);
        }

        return failed.Count == 0 ? QualityVerdict.Pass : new QualityVerdict(false, failed);
    }

    internal static float SharpnessOf(CropMeasures.Result stats) =>
        stats.LaplacianVariance / Math.Max(stats.LuminanceVariance, VarianceFloor);

    internal static CropMeasures.Result MeasureCrop(RgbImage image, FaceLandmarks landmarks)
    {
        const int plane = Size * Size;
        SimilarityTransform transform;
        try
        {
            transform = AlignmentTemplate.ArcFace112.TransformFor(landmarks);
        }
        catch (FaceAccordException e) when (e.Code == SimilarityTransform.DegenerateCode)
        {
            // No face geometry, nothing to measure: NaN fails every check that needs it.
            return new CropMeasures.Result(float.NaN, float.NaN, float.NaN, float.NaN);
        }

        float[] rgb = ArrayPool<float>.Shared.Rent(3 * plane);
        bool[] inside = ArrayPool<bool>.Shared.Rent(plane);
        try
        {
            FaceAligner.Warp(image, transform, Size, Size, PixelNormalization.UnitRgb, TensorLayout.Nchw, rgb);

            // Luma into the R plane: 0.299 R + 0.587 G + 0.114 B.
            Span<float> grey = rgb.AsSpan(0, plane);
            TensorPrimitives.Multiply(grey, 0.299f, grey);
            TensorPrimitives.MultiplyAdd(rgb.AsSpan(plane, plane), 0.587f, grey, grey);
            TensorPrimitives.MultiplyAdd(rgb.AsSpan(2 * plane, plane), 0.114f, grey, grey);

            var toImage = transform.Invert();
            float maxX = image.Width - 1, maxY = image.Height - 1;
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    Vector2 p = toImage.Apply(new Vector2(x, y));
                    inside[(y * Size) + x] = p.X >= 0 && p.Y >= 0 && p.X <= maxX && p.Y <= maxY;
                }
            }

            return CropMeasures.Measure(grey, inside.AsSpan(0, plane), Size);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rgb);
            ArrayPool<bool>.Shared.Return(inside);
        }
    }
}
