using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Vision.Tests.Imaging;

public sealed class ImageResamplerTests
{
    [Fact]
    public void Letterbox_centres_the_image_between_black_bars()
    {
        var source = Flat(200, 100, 200);
        var map = ImageResampler.Letterbox(200, 100, 64, 64);

        // The image's outer edges land on the destination's band edges.
        Assert.True(Vector2.Distance(new Vector2(-0.5f, 15.5f), Vector2.Transform(new Vector2(-0.5f, -0.5f), map)) < 1e-4f);
        Assert.True(Vector2.Distance(new Vector2(63.5f, 47.5f), Vector2.Transform(new Vector2(199.5f, 99.5f), map)) < 1e-4f);

        float[] dst = new float[64 * 64 * 3];
        ImageResampler.Resample(source, map, 64, 64, PixelNormalization.Raw, TensorLayout.Nhwc, dst);
        Assert.Equal(0f, dst[((5 * 64) + 32) * 3]);
        Assert.Equal(200f, dst[((32 * 64) + 32) * 3], 3);
        Assert.Equal(0f, dst[((60 * 64) + 32) * 3]);
    }

    [Fact]
    public void Stretch_fills_the_destination()
    {
        var map = ImageResampler.Stretch(100, 50, 10, 10);
        Assert.True(Vector2.Distance(new Vector2(-0.5f, -0.5f), Vector2.Transform(new Vector2(-0.5f, -0.5f), map)) < 1e-5f);
        Assert.True(Vector2.Distance(new Vector2(9.5f, 9.5f), Vector2.Transform(new Vector2(99.5f, 49.5f), map)) < 1e-5f);
    }

    [Fact]
    public void Strong_downscale_averages_instead_of_aliasing()
    {
        // A one-pixel checkerboard shrunk 4× so every output pixel centre falls on a black square: point
        // bilinear returns all black, the footprint average is mid-grey everywhere.
        const int n = 128;
        var p = new byte[n * n * 3];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                p.AsSpan(((y * n) + x) * 3, 3).Fill((byte)(((x + y) & 1) * 255));
            }
        }

        float[] dst = new float[32 * 32 * 3];
        ImageResampler.Resample(new RgbImage(n, n, p), Matrix3x2.CreateScale(0.25f), 32, 32, PixelNormalization.Raw, TensorLayout.Nhwc, dst);
        for (int y = 1; y < 32; y++)
        {
            // The first row and column reach past the image edge (black); the rest lies inside.
            Assert.All(dst.AsSpan(((y * 32) + 1) * 3, 31 * 3).ToArray(), v => Assert.InRange(v, 90f, 165f));
        }
    }

    [Fact]
    public void TensorLength_is_width_height_channels()
    {
        Assert.Equal(112 * 112 * 3, ImageResampler.TensorLength(112, 112));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResampler.Letterbox(0, 10, 10, 10));
    }

    private static RgbImage Flat(int w, int h, byte value)
    {
        var p = new byte[w * h * 3];
        Array.Fill(p, value);
        return new RgbImage(w, h, p);
    }
}
