using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Alignment;
using FaceAccord.Vision.Tests.Imaging;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Vision.Tests.Alignment;

public sealed class FaceAlignerTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(3141592653,5897932385)";

    private const int Size = 96;
    private static readonly RgbImage Smooth = SmoothImage(Size);

    [Property(Replay = Replay, MaxTest = 60)]
    public Property Warping_back_a_warped_smooth_image_restores_it() =>
        Prop.ForAll(
            Arb.From(from scale in AlignmentGenerators.Between(0.8f, 1.25f)
                     from angle in AlignmentGenerators.Between(-0.6f, 0.6f)
                     from shift in AlignmentGenerators.Points(5f)
                     select AboutCentre(scale, angle, shift)),
            t =>
            {
                var there = ToImage(Warp(Smooth, t, Size, Size, PixelNormalization.Raw, TensorLayout.Nhwc), Size, Size);
                float[] back = Warp(there, t.Invert(), Size, Size, PixelNormalization.Raw, TensorLayout.Nhwc);

                // Compare the middle, which stays inside the frame both ways.
                double sum = 0, max = 0;
                int n = 0;
                for (int y = 28; y < 68; y++)
                {
                    for (int x = 28; x < 68; x++)
                    {
                        for (int c = 0; c < 3; c++)
                        {
                            int i = (((y * Size) + x) * 3) + c;
                            double d = Math.Abs(back[i] - Smooth.Pixels[i]);
                            sum += d;
                            max = Math.Max(max, d);
                            n++;
                        }
                    }
                }

                return (sum / n < 1.5 && max < 8).Label($"mean {sum / n:F2}, max {max:F2}");
            });

    [Fact]
    public void Integer_translation_copies_pixels_exactly()
    {
        var source = TestImages.Pattern(40, 30);
        var shift = new SimilarityTransform(1, 0, -10, -5);
        float[] crop = Warp(source, shift, 20, 12, PixelNormalization.Raw, TensorLayout.Nhwc);
        for (int y = 0; y < 12; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(source.Pixels[((((y + 5) * 40) + x + 10) * 3) + c], crop[(((y * 20) + x) * 3) + c]);
                }
            }
        }
    }

    [Fact]
    public void Doubling_interpolates_halfway_between_pixels()
    {
        var source = TestImages.Pattern(10, 10);
        float[] big = Warp(source, new SimilarityTransform(2, 0, 0, 0), 18, 18, PixelNormalization.Raw, TensorLayout.Nhwc);
        float Src(int x, int y, int c) => source.Pixels[(((y * 10) + x) * 3) + c];
        float Big(int x, int y, int c) => big[(((y * 18) + x) * 3) + c];
        for (int k = 0; k < 8; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(Src(k, 3, c), Big(2 * k, 6, c), 3);
                Assert.Equal((Src(k, 3, c) + Src(k + 1, 3, c)) / 2, Big((2 * k) + 1, 6, c), 3);
                Assert.Equal((Src(k, k, c) + Src(k + 1, k, c) + Src(k, k + 1, c) + Src(k + 1, k + 1, c)) / 4, Big((2 * k) + 1, (2 * k) + 1, c), 3);
            }
        }
    }

    [Fact]
    public void Quarter_turn_moves_pixels_where_expected()
    {
        // Turning by +90° about the origin then shifting right by H − 1 turns the image clockwise.
        var source = TestImages.Pattern(7, 5);
        var turn = SimilarityTransform.Create(1, MathF.PI / 2, new Vector2(4, 0));
        var turned = ToImage(Warp(source, turn, 5, 7, PixelNormalization.Raw, TensorLayout.Nhwc), 5, 7);
        Assert.Equal(0, TestImages.MaxDifference(TestImages.RotateClockwise(source), turned));
    }

    [Fact]
    public void Outside_the_image_is_black_before_normalisation()
    {
        var source = TestImages.Pattern(8, 8);
        var norm = new PixelNormalization(ChannelOrder.Rgb, [127.5f, 127.5f, 127.5f], [1 / 128f, 1 / 128f, 1 / 128f]);
        float[] crop = Warp(source, new SimilarityTransform(1, 0, 20, 20), 16, 16, norm, TensorLayout.Nhwc);
        Assert.All(crop.AsSpan(0, 16 * 16 * 3).ToArray(), v => Assert.Equal(-127.5f / 128f, v, 6));

        // Half a pixel past the last column: half of the edge value, half black.
        float[] edge = Warp(source, new SimilarityTransform(1, 0, -7.5f, 0), 1, 1, PixelNormalization.Raw, TensorLayout.Nhwc);
        Assert.Equal(source.Pixels[7 * 3] / 2f, edge[0], 3);
    }

    [Fact]
    public void Layouts_and_channel_orders_hold_the_same_values()
    {
        var source = TestImages.Pattern(20, 20);
        var t = AboutCentre(0.9f, 0.3f, new Vector2(1, -2), 20);
        var rgb = new PixelNormalization(ChannelOrder.Rgb, [10f, 20f, 30f], [0.5f, 2f, 4f]);
        var bgr = new PixelNormalization(ChannelOrder.Bgr, [30f, 20f, 10f], [4f, 2f, 0.5f]);
        float[] nhwc = Warp(source, t, 16, 12, rgb, TensorLayout.Nhwc);
        float[] nchw = Warp(source, t, 16, 12, bgr, TensorLayout.Nchw);
        float[] raw = Warp(source, t, 16, 12, PixelNormalization.Raw, TensorLayout.Nhwc);
        int plane = 16 * 12;
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                float expected = (raw[(p * 3) + c] - rgb.Mean[c]) * rgb.Scale[c];
                Assert.Equal(expected, nhwc[(p * 3) + c], 3);
                Assert.Equal(expected, nchw[((2 - c) * plane) + p], 3);
            }
        }
    }

    [Fact]
    public void Mirror_flag_writes_the_left_right_flipped_crop()
    {
        var source = TestImages.Pattern(50, 40);
        var t = AboutCentre(1.1f, 0.2f, new Vector2(2, 3), 50);
        float[] plain = Warp(source, t, 24, 20, PixelNormalization.UnitRgb, TensorLayout.Nchw);
        float[] mirrored = Warp(source, t, 24, 20, PixelNormalization.UnitRgb, TensorLayout.Nchw, mirror: true);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 20; y++)
            {
                for (int x = 0; x < 24; x++)
                {
                    Assert.Equal(plain[(c * 480) + (y * 24) + x], mirrored[(c * 480) + (y * 24) + 23 - x], 4);
                }
            }
        }
    }

    [Fact]
    public void Align_puts_the_landmarks_on_the_template()
    {
        // Bright dots at the face's landmarks in an otherwise black image; after alignment each dot
        // must sit on its template point.
        var template = AlignmentTemplate.ArcFace112;
        var toImage = SimilarityTransform.Create(2.2f, 0.35f, new Vector2(80, 40));
        Vector2[] marks = [.. template.Points().Select(toImage.Apply)];
        var pixels = new byte[300 * 300 * 3];
        foreach (var m in marks)
        {
            for (int dy = -3; dy <= 3; dy++)
            {
                for (int dx = -3; dx <= 3; dx++)
                {
                    int x = (int)MathF.Round(m.X) + dx, y = (int)MathF.Round(m.Y) + dy;
                    pixels.AsSpan(((y * 300) + x) * 3, 3).Fill(255);
                }
            }
        }

        var image = new RgbImage(300, 300, pixels);
        var landmarks = new FaceLandmarks(marks[0], marks[1], marks[2], marks[3], Vector2.Zero, Vector2.Zero);
        float[] crop = new float[112 * 112 * 3];
        var used = FaceAligner.Align(image, landmarks, template, PixelNormalization.Raw, TensorLayout.Nhwc, crop);

        Assert.Equal(1 / 2.2f, used.Scale, 3);
        foreach (var p in template.Points())
        {
            int x = (int)MathF.Round(p.X), y = (int)MathF.Round(p.Y);
            Assert.True(crop[((y * 112) + x) * 3] > 200, $"no dot at template point {p}");
        }

        Assert.Equal(0f, crop[((5 * 112) + 5) * 3]);
    }

    [Fact]
    public void Destination_too_small_or_singular_transform_is_refused()
    {
        var source = TestImages.Pattern(8, 8);
        Assert.Throws<ArgumentException>(() => FaceAligner.Warp(source, SimilarityTransform.Identity, 8, 8, PixelNormalization.Raw, TensorLayout.Nhwc, new float[191]));
        Assert.Throws<ArgumentException>(() => FaceAligner.Warp(source, new SimilarityTransform(0, 0, 0, 0), 8, 8, PixelNormalization.Raw, TensorLayout.Nhwc, new float[192]));
    }

    /// <summary>A similarity that scales and turns about the image centre, then shifts.</summary>
    internal static SimilarityTransform AboutCentre(float scale, float angle, Vector2 shift, int size = Size)
    {
        var centre = new Vector2((size - 1) / 2f);
        return new SimilarityTransform(1, 0, -centre.X, -centre.Y)
            .Then(SimilarityTransform.Create(scale, angle, centre + shift));
    }

    internal static float[] Warp(RgbImage source, SimilarityTransform t, int w, int h, PixelNormalization norm, TensorLayout layout, bool mirror = false)
    {
        // One extra float proves the warp writes exactly one item.
        float[] dst = new float[(w * h * 3) + 1];
        dst[^1] = float.NaN;
        FaceAligner.Warp(source, t, w, h, norm, layout, dst, mirror);
        Assert.True(float.IsNaN(dst[^1]));
        return dst;
    }

    private static RgbImage ToImage(float[] raw, int w, int h) =>
        new(w, h, [.. raw.Take(w * h * 3).Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255))]);

    private static RgbImage SmoothImage(int size)
    {
        var p = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int i = ((y * size) + x) * 3;
                p[i] = (byte)(128 + (100 * Math.Sin(x * 0.12) * Math.Cos(y * 0.09)));
                p[i + 1] = (byte)(128 + (90 * Math.Cos((x + y) * 0.07)));
                p[i + 2] = (byte)(40 + (x + y));
            }
        }

        return new RgbImage(size, size, p);
    }
}
