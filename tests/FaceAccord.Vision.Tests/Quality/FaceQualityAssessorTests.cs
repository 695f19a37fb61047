using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Alignment;
using FaceAccord.Vision.Quality;

namespace FaceAccord.Vision.Tests.Quality;

public sealed class FaceQualityAssessorTests
{
    public static TheoryData<string> People => [.. LfwFaces.People];

    [Theory]
    [MemberData(nameof(People))]
    public void Good_lfw_photos_pass_the_enrolment_rule(string person)
    {
        var quality = FaceQualityAssessor.Assess(LfwFaces.Load(person), LfwFaces.Face);
        var verdict = FaceQualityAssessor.Evaluate(quality, QualityRule.Enrollment);
        Assert.True(verdict.Passed, $"{person}: {string.Join(", ", verdict.FailedChecks)} ({quality})");
        Assert.Equal(45, quality.InterOcularDistance, 3);
        Assert.InRange(quality.MeanLuminance, 0.2f, 0.8f);
    }

    [Theory]
    [MemberData(nameof(People))]
    public void Blur_lowers_sharpness_until_the_face_is_blurry(string person)
    {
        var image = LfwFaces.Load(person);
        float sharp = FaceQualityAssessor.Assess(image, LfwFaces.Face).Sharpness;
        float soft = FaceQualityAssessor.Assess(LfwFaces.Blur(image, 1.0), LfwFaces.Face).Sharpness;
        var blurred = FaceQualityAssessor.Assess(LfwFaces.Blur(image, 2.5), LfwFaces.Face);

        Assert.True(soft < sharp * 0.7f, $"σ=1 blur: {soft} vs {sharp}");
        Assert.True(blurred.Sharpness < soft * 0.5f, $"σ=2.5 blur: {blurred.Sharpness} vs {soft}");
        Assert.Equal([QualityCheck.Blurry], FaceQualityAssessor.Evaluate(blurred, QualityRule.Enrollment).FailedChecks);
    }

    [Fact]
    public void Sharpness_does_not_depend_on_contrast_but_luminance_does()
    {
        var image = LfwFaces.Load("Colin_Powell");
        var normal = FaceQualityAssessor.Assess(image, LfwFaces.Face);
        var dim = FaceQualityAssessor.Assess(LfwFaces.Exposure(image, 0.3f), LfwFaces.Face);

        Assert.InRange(dim.Sharpness / normal.Sharpness, 0.8f, 1.25f);
        Assert.InRange(dim.MeanLuminance / normal.MeanLuminance, 0.27f, 0.33f);
        Assert.Contains(QualityCheck.TooDark, FaceQualityAssessor.Evaluate(dim, QualityRule.Enrollment).FailedChecks);
    }

    [Fact]
    public void Blown_highlights_are_overexposed_and_a_washed_out_face_is_too_bright()
    {
        var image = LfwFaces.Load("Tony_Blair");
        var blown = FaceQualityAssessor.Assess(LfwFaces.Exposure(image, 1.3f, 160), LfwFaces.Face);
        Assert.True(blown.ClippedFraction > 0.3f, blown.ToString());
        Assert.Contains(QualityCheck.Overexposed, FaceQualityAssessor.Evaluate(blown, QualityRule.Enrollment).FailedChecks);

        var washed = FaceQualityAssessor.Assess(LfwFaces.Exposure(image, 1f, 215), LfwFaces.Face);
        Assert.True(washed.MeanLuminance > 0.9f, washed.ToString());
        var failed = FaceQualityAssessor.Evaluate(washed, QualityRule.Enrollment).FailedChecks;
        Assert.Contains(QualityCheck.TooBright, failed);
        Assert.Contains(QualityCheck.Overexposed, failed);
    }

    [Fact]
    public void Tilted_real_face_reports_its_roll()
    {
        // Turn the photo by 30° (clockwise on screen) about the face centre, landmarks with it.
        var image = LfwFaces.Load("George_W_Bush");
        var centre = new Vector2(125, 130);
        var turn = new SimilarityTransform(1, 0, -centre.X, -centre.Y).Then(SimilarityTransform.Create(1, MathF.PI / 6, centre));
        var turned = new RgbImage(250, 250, Rasterise(image, turn));
        var lm = LfwFaces.Landmarks;
        var face = new DetectedFace(
            LfwFaces.Face.Box,
            1,
            new FaceLandmarks(turn.Apply(lm.LeftEye), turn.Apply(lm.RightEye), turn.Apply(lm.Nose), turn.Apply(lm.Mouth), turn.Apply(lm.LeftEar), turn.Apply(lm.RightEar)));

        var quality = FaceQualityAssessor.Assess(turned, face);

        Assert.Equal(30f, quality.Pose.Roll, 1f);
        Assert.InRange(quality.Pose.Yaw, -5, 5);
        Assert.Equal([QualityCheck.PoseRoll], FaceQualityAssessor.Evaluate(quality, QualityRule.Enrollment).FailedChecks);
    }

    [Fact]
    public void Small_face_fails_on_size()
    {
        var image = LfwFaces.Load("Serena_Williams");
        var half = SimilarityTransform.Create(0.5f, 0, Vector2.Zero);
        var small = new RgbImage(125, 125, Rasterise(image, half, 125));
        var lm = LfwFaces.Landmarks;
        var face = new DetectedFace(
            new FaceBox(40, 42, 45, 50),
            1,
            new FaceLandmarks(half.Apply(lm.LeftEye), half.Apply(lm.RightEye), half.Apply(lm.Nose), half.Apply(lm.Mouth), half.Apply(lm.LeftEar), half.Apply(lm.RightEar)));

        var quality = FaceQualityAssessor.Assess(small, face);

        Assert.Equal(22.5f, quality.InterOcularDistance, 3);
        Assert.Contains(QualityCheck.FaceTooSmall, FaceQualityAssessor.Evaluate(quality, QualityRule.Enrollment).FailedChecks);
    }

    [Fact]
    public void Crop_pixels_outside_the_image_are_ignored()
    {
        // The face at the very corner: most of the crop is padding, yet the luminance is the image's own.
        var flat = new byte[200 * 200 * 3];
        Array.Fill(flat, (byte)153);
        var lm = new FaceLandmarks(new(18, 5), new(-27, 5), new(-5, 30), new(-5, 51), Vector2.Zero, Vector2.Zero);
        var quality = FaceQualityAssessor.Assess(new RgbImage(200, 200, flat), new DetectedFace(new FaceBox(0, 0, 40, 60), 1, lm));
        Assert.Equal(0.6f, quality.MeanLuminance, 3);
        Assert.Equal(0f, quality.Sharpness);
        Assert.Equal(0f, quality.ClippedFraction);
    }

    [Fact]
    public void Collapsed_landmarks_fail_the_checks_instead_of_throwing()
    {
        var p = new Vector2(60, 60);
        var face = new DetectedFace(new FaceBox(40, 40, 80, 80), 0.9f, new FaceLandmarks(p, p, p, p, p, p));
        var quality = FaceQualityAssessor.Assess(LfwFaces.Load("Tony_Blair"), face);
        var failed = FaceQualityAssessor.Evaluate(quality, QualityRule.Enrollment).FailedChecks;
        Assert.Contains(QualityCheck.FaceTooSmall, failed);
        Assert.Contains(QualityCheck.Blurry, failed);
        Assert.Contains(QualityCheck.TooDark, failed);
    }

    private static byte[] Rasterise(RgbImage image, SimilarityTransform t, int size = 250)
    {
        float[] raw = new float[size * size * 3];
        FaceAligner.Warp(image, t, size, size, PixelNormalization.Raw, TensorLayout.Nhwc, raw);
        return [.. raw.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255))];
    }
}
