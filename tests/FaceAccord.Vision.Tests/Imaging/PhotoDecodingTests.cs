using System.Drawing;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Vision.Imaging;
using SkiaSharp;

namespace FaceAccord.Vision.Tests.Imaging;

public sealed class PhotoDecodingTests
{
    // Not a multiple of 8 either way, so DCT scaling leaves partly filled blocks at the right and bottom.
    private const int StoredWidth = 1003;
    private const int StoredHeight = 755;

    public static TheoryData<int> Orientations => [1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public void Jpeg_is_decoded_at_the_smallest_dct_scale_whose_long_side_reaches_the_working_side()
    {
        byte[] jpeg = TestImages.Encode(TestImages.Pattern(StoredWidth, StoredHeight), SKEncodedImageFormat.Jpeg, 95);

        var photo = ImageDecoder.Default.DecodePhoto(jpeg, 300);

        // 3/8 of 1003 rounds up to 377 ≥ 300; 2/8 gives 251, too few.
        Assert.Equal((StoredWidth, StoredHeight), (photo.Width, photo.Height));
        Assert.Equal((377, 284), (photo.Working.Image.Width, photo.Working.Image.Height));
        Assert.Equal(0.375f, photo.Scale);
        Assert.Equal(1f, photo.FinestScale);

        var full = ImageDecoder.Default.DecodePhoto(jpeg, 0);
        Assert.Equal((StoredWidth, StoredHeight, 1f), (full.Working.Image.Width, full.Working.Image.Height, full.Scale));
        Assert.Equal(0, TestImages.MaxDifference(ImageDecoder.Default.Decode(jpeg), full.Working.Image));
    }

    [Fact]
    public void Formats_without_dct_scaling_are_decoded_whole_and_have_nothing_finer()
    {
        byte[] png = TestImages.Encode(TestImages.Pattern(640, 480), SKEncodedImageFormat.Png);

        var photo = ImageDecoder.Default.DecodePhoto(png, 100);

        Assert.Equal((640, 480, 1f, 1f), (photo.Working.Image.Width, photo.Working.Image.Height, photo.Scale, photo.FinestScale));
        Assert.Same(photo.Working.Image, photo.PixelsFor(new RectangleF(10, 10, 50, 50), 1f).Image);
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_point_of_the_photo_lands_on_the_same_content_at_every_scale_and_orientation(int orientation)
    {
        byte[] jpeg = JpegExif.WithOrientation(MarkerJpeg(), orientation);
        var expected = Centroid(PhotoPixels.Whole(ImageDecoder.Default.Decode(jpeg)));

        foreach (int side in new[] { 126, 252, 377, 502, 753 })
        {
            var photo = ImageDecoder.Default.DecodePhoto(jpeg, side);
            Assert.True(photo.Scale < 1f, $"working side {side} should scale");
            var found = Centroid(photo.Working);

            // A quarter of a working pixel: a grid shifted by a partly filled block would be off by far more.
            Assert.True(Vector2.Distance(expected, found) <= 0.25f / photo.Scale, $"orientation {orientation}, scale {photo.Scale}: {found} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_region_decoded_again_has_the_pixels_of_the_whole_photo_decoded_at_that_scale(int orientation)
    {
        byte[] jpeg = JpegExif.WithOrientation(TestImages.Encode(TestImages.Pattern(StoredWidth, StoredHeight), SKEncodedImageFormat.Jpeg, 92), orientation);
        var photo = ImageDecoder.Default.DecodePhoto(jpeg, 126);
        var region = new RectangleF(301.5f, 207.25f, 180, 140);

        foreach (int eighths in new[] { 4, 8 })
        {
            var pixels = photo.PixelsFor(region, eighths / 8f);
            Assert.Equal(eighths / 8f, pixels.Scale);
            Assert.True(pixels.Extent.Contains(region), $"{pixels.Extent} should contain {region}");
            Assert.True(pixels.Image.Width * pixels.Image.Height < photo.Width * photo.Height * pixels.Scale * pixels.Scale / 4, "a region, not the whole photo");

            var whole = ImageDecoder.Default.DecodePhoto(jpeg, eighths == 8 ? 0 : DctScale.Scaled(Math.Max(photo.Width, photo.Height), eighths)).Working;
            Assert.Equal(pixels.Scale, whole.Scale);
            int dx = (int)MathF.Round(whole.OffsetX - pixels.OffsetX), dy = (int)MathF.Round(whole.OffsetY - pixels.OffsetY);
            Assert.Equal(whole.OffsetX - pixels.OffsetX, dx, 3);
            Assert.Equal(whole.OffsetY - pixels.OffsetY, dy, 3);
            Assert.True(MeanDifference(pixels.Image, whole.Image, dx, dy) < 1.0, $"orientation {orientation}, {eighths}/8");
        }
    }

    [Fact]
    public void A_finer_region_is_kept_for_the_next_request_inside_it()
    {
        byte[] jpeg = TestImages.Encode(TestImages.Pattern(StoredWidth, StoredHeight), SKEncodedImageFormat.Jpeg, 92);
        var photo = ImageDecoder.Default.DecodePhoto(jpeg, 126);

        var first = photo.PixelsFor(new RectangleF(100, 100, 200, 200), 0.5f);
        var inside = photo.PixelsFor(new RectangleF(150, 150, 50, 50), 0.4f);
        var elsewhere = photo.PixelsFor(new RectangleF(700, 500, 50, 50), 0.4f);

        Assert.Same(first.Image, inside.Image);
        Assert.NotSame(first.Image, elsewhere.Image);
        Assert.Same(photo.Working.Image, photo.PixelsFor(new RectangleF(0, 0, 10, 10), photo.Scale).Image);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Progressive_jpeg_decodes_scaled_and_by_region_like_a_baseline_one(int orientation)
    {
        var image = TestImages.Pattern(StoredWidth, StoredHeight);
        byte[] progressive = JpegExif.WithOrientation(ProgressiveJpeg.Encode(image), orientation);
        byte[] baseline = JpegExif.WithOrientation(TestImages.Encode(image, SKEncodedImageFormat.Jpeg, 100), orientation);
        Assert.True(TestImages.MaxDifference(ImageDecoder.Default.Decode(baseline), ImageDecoder.Default.Decode(progressive)) <= 12, "the hand-made encoder is faithful");

        var a = ImageDecoder.Default.DecodePhoto(progressive, 252);
        var b = ImageDecoder.Default.DecodePhoto(baseline, 252);
        Assert.Equal((a.Width, a.Height, a.Scale), (b.Width, b.Height, b.Scale));
        Assert.True(MeanDifference(a.Working.Image, b.Working.Image, 0, 0) < 2.0);

        var region = new RectangleF(400, 300, 120, 90);
        var ra = a.PixelsFor(region, 1f);
        var rb = b.PixelsFor(region, 1f);
        Assert.Equal((ra.OffsetX, ra.OffsetY), (rb.OffsetX, rb.OffsetY));
        Assert.True(MeanDifference(ra.Image, rb.Image, 0, 0) < 2.0);
    }

    [Fact]
    public void Truncated_jpeg_is_unreadable_at_any_working_scale()
    {
        byte[] jpeg = TestImages.Encode(TestImages.Pattern(StoredWidth, StoredHeight), SKEncodedImageFormat.Jpeg, 92);
        byte[] cut = jpeg[..(jpeg.Length * 2 / 3)];

        foreach (int side in new[] { 0, 126, 502 })
        {
            var ex = Assert.Throws<FaceAccordException>(() => ImageDecoder.Default.DecodePhoto(cut, side));
            Assert.Equal(ImageDecoder.UnreadableCode, ex.Code);
        }

        var empty = Assert.Throws<FaceAccordException>(() => ImageDecoder.Default.DecodePhoto([], 640));
        Assert.Equal(ImageDecoder.EmptyCode, empty.Code);
    }

    [Fact]
    public void Jpeg_header_declaring_more_pixels_than_the_limit_is_refused_before_any_pixel_exists()
    {
        // A real 64×48 JPEG whose frame header is rewritten to claim 60000×45000 (2.7 gigapixels).
        byte[] jpeg = TestImages.Encode(TestImages.Pattern(64, 48), SKEncodedImageFormat.Jpeg, 90);
        int sof = FindMarker(jpeg, 0xC0);
        jpeg[sof + 5] = 45000 >> 8;
        jpeg[sof + 6] = 45000 & 0xFF;
        jpeg[sof + 7] = 60000 >> 8;
        jpeg[sof + 8] = 60000 & 0xFF;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<FaceAccordException>(() => ImageDecoder.Default.DecodePhoto(jpeg, 640));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageDecoder.TooLargeCode, ex.Code);
        Assert.Contains("60000×45000", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void File_and_stream_give_the_same_photo_as_bytes()
    {
        byte[] jpeg = JpegExif.WithOrientation(TestImages.Encode(TestImages.Pattern(StoredWidth, StoredHeight), SKEncodedImageFormat.Jpeg, 92), 6);
        string path = Path.Combine(Path.GetTempPath(), $"faceaccord-photo-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, jpeg);
        try
        {
            var fromBytes = ImageDecoder.Default.DecodePhoto(jpeg, 200);
            var fromFile = ImageDecoder.Default.DecodePhotoFile(path, 200);
            using var stream = new MemoryStream(jpeg);
            var fromStream = ImageDecoder.Default.DecodePhoto(stream, 200);

            Assert.Equal((StoredHeight, StoredWidth), (fromBytes.Width, fromBytes.Height));
            Assert.Equal(0, TestImages.MaxDifference(fromBytes.Working.Image, fromFile.Working.Image));
            Assert.Equal(0, TestImages.MaxDifference(fromBytes.Working.Image, fromStream.Working.Image));
            var missing = Assert.Throws<FaceAccordException>(() => ImageDecoder.Default.DecodePhotoFile(path + ".absent", 200));
            Assert.Equal(ImageDecoder.FileNotFoundCode, missing.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Scaled_decode_of_a_large_jpeg_is_cheaper_than_a_full_one()
    {
        // Cost is compared within one run, decode against decode: no absolute time is asserted.
        byte[] jpeg = TestImages.Encode(TestImages.Pattern(3000, 2000), SKEncodedImageFormat.Jpeg, 90);
        long fullBytes = Allocated(() => ImageDecoder.Default.DecodePhoto(jpeg, 0));
        long scaledBytes = Allocated(() => ImageDecoder.Default.DecodePhoto(jpeg, 640));

        Assert.True(scaledBytes * 8 < fullBytes, $"scaled decode allocated {scaledBytes:N0} bytes, full {fullBytes:N0}");
    }

    /// <summary>A white 41×41 square centred at stored (612.5, 233.5) on black, JPEG at quality 100, 4:4:4.</summary>
    private static byte[] MarkerJpeg()
    {
        var pixels = new byte[StoredWidth * StoredHeight * 3];
        for (int y = 213; y <= 253; y++)
        {
            for (int x = 592; x <= 633; x++)
            {
                int i = ((y * StoredWidth) + x) * 3;
                pixels[i] = pixels[i + 1] = pixels[i + 2] = 255;
            }
        }

        return TestImages.Encode(new RgbImage(StoredWidth, StoredHeight, pixels), SKEncodedImageFormat.Jpeg, 100);
    }

    /// <summary>Brightness-weighted centre of the marker, in photo coordinates.</summary>
    private static Vector2 Centroid(PhotoPixels pixels)
    {
        var image = pixels.Image;
        double sx = 0, sy = 0, total = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                double w = Math.Max(0, image.Pixels[((y * image.Width) + x) * 3] - 16);
                sx += w * x;
                sy += w * y;
                total += w;
            }
        }

        Matrix3x2.Invert(pixels.FromPhoto, out var toPhoto);
        return Vector2.Transform(new Vector2((float)(sx / total), (float)(sy / total)), toPhoto);
    }

    /// <summary>Mean absolute difference of <paramref name="part"/> against <paramref name="whole"/> shifted by (dx, dy).</summary>
    private static double MeanDifference(RgbImage part, RgbImage whole, int dx, int dy)
    {
        long sum = 0, count = 0;
        for (int y = 0; y < part.Height; y++)
        {
            for (int x = 0; x < part.Width; x++)
            {
                int wx = x + dx, wy = y + dy;
                Assert.InRange(wx, 0, whole.Width - 1);
                Assert.InRange(wy, 0, whole.Height - 1);
                for (int c = 0; c < 3; c++)
                {
                    sum += Math.Abs(part.Pixels[(((y * part.Width) + x) * 3) + c] - whole.Pixels[(((wy * whole.Width) + wx) * 3) + c]);
                    count++;
                }
            }
        }

        return sum / (double)count;
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        for (int i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidDataException($"No 0xFF{marker:X2} marker.");
    }

    private static long Allocated(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
