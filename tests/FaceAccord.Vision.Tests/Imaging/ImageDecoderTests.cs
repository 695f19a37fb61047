using System.Text;
using FaceAccord.Core;
using FaceAccord.TestSupport;
using FaceAccord.Vision.Imaging;
using SkiaSharp;

namespace FaceAccord.Vision.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private static string LfwSample => TestPaths.Lfw("Aaron_Peirsol", 1);

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Lossless_formats_decode_to_the_exact_pixels(SKEncodedImageFormat format)
    {
        var original = TestImages.Pattern(37, 23);
        var decoded = ImageDecoder.Default.Decode(TestImages.Encode(original, format));
        Assert.Equal(original.Pixels, decoded.Pixels);
        Assert.Equal((37, 23), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Jpeg_decodes_close_to_the_original()
    {
        var original = TestImages.Quadrants(64, 48);
        var decoded = ImageDecoder.Default.Decode(TestImages.Encode(original, SKEncodedImageFormat.Jpeg, 95));
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        double meanError = original.Pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 3, $"mean error {meanError}");
    }

    [Fact]
    public void Hand_made_bmp_decodes_exactly()
    {
        // Width 5 makes each row need padding, which a careless reader would misalign.
        var original = TestImages.Pattern(5, 3);
        var decoded = ImageDecoder.Default.Decode(HandMadeImages.Bmp(original));
        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Gif_gives_its_first_frame()
    {
        (byte, byte, byte)[] palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)];
        byte[] first = [0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 1, 1];
        byte[] second = [.. Enumerable.Repeat((byte)2, 12)];
        var decoded = ImageDecoder.Default.Decode(HandMadeImages.Gif(4, 3, palette, first, second));
        Assert.Equal((4, 3), (decoded.Width, decoded.Height));
        for (int i = 0; i < first.Length; i++)
        {
            var (r, g, b) = palette[first[i]];
            Assert.Equal([r, g, b], decoded.Pixels.AsSpan(i * 3, 3).ToArray());
        }
    }

    [Fact]
    public void Transparent_pixels_are_composited_over_white()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SKColor(255, 0, 0, 0));
        bitmap.SetPixel(1, 0, new SKColor(0, 0, 255, 128));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var decoded = ImageDecoder.Default.Decode(png.AsSpan());
        Assert.Equal([255, 255, 255], decoded.Pixels[..3]);
        Assert.InRange(decoded.Pixels[3], 125, 129);
        Assert.InRange(decoded.Pixels[4], 125, 129);
        Assert.Equal(255, decoded.Pixels[5]);
    }

    [Fact]
    public void Real_lfw_jpeg_decodes_the_same_from_span_stream_and_file()
    {
        byte[] bytes = File.ReadAllBytes(LfwSample);
        var fromSpan = ImageDecoder.Default.Decode(bytes);
        var fromFile = ImageDecoder.Default.DecodeFile(LfwSample);
        using var nonSeekable = new ForwardOnlyStream(bytes);
        var fromStream = ImageDecoder.Default.Decode(nonSeekable);
        Assert.Equal((250, 250), (fromSpan.Width, fromSpan.Height));
        Assert.Equal(fromSpan.Pixels, fromFile.Pixels);
        Assert.Equal(fromSpan.Pixels, fromStream.Pixels);

        // A real photo, not a flat fill: the decoder produced content.
        Assert.True(fromSpan.Pixels.Distinct().Count() > 100);
    }

    [Fact]
    public void Empty_input_is_image_empty()
    {
        AssertCode(ImageDecoder.EmptyCode, () => ImageDecoder.Default.Decode(ReadOnlySpan<byte>.Empty));
        string path = Path.GetTempFileName();
        try
        {
            AssertCode(ImageDecoder.EmptyCode, () => ImageDecoder.Default.DecodeFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.1, 0)]
    [InlineData(0.9, 0)]
    [InlineData(1.0, 2)]
    public void Truncated_real_jpeg_is_an_error_not_a_grey_image(double keep, int dropBytes)
    {
        // Cut in half, early, late, or only the end-of-image marker missing.
        byte[] bytes = File.ReadAllBytes(LfwSample);
        int length = (int)(bytes.Length * keep) - dropBytes;
        var ex = AssertCode(ImageDecoder.UnreadableCode, () => ImageDecoder.Default.Decode(bytes.AsSpan(0, length)));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_png_and_cut_off_header_are_unreadable()
    {
        byte[] png = TestImages.Encode(TestImages.Pattern(64, 64), SKEncodedImageFormat.Png);
        AssertCode(ImageDecoder.UnreadableCode, () => ImageDecoder.Default.Decode(png.AsSpan(0, png.Length / 2)));
        byte[] jpeg = File.ReadAllBytes(LfwSample);
        AssertCode(ImageDecoder.UnreadableCode, () => ImageDecoder.Default.Decode(jpeg.AsSpan(0, 100)));
    }

    [Theory]
    [InlineData("This is a text file, not an image.\n")]
    [InlineData("GIF89a")]
    [InlineData("\u0089PNG\r\n\u001a\n")]
    public void Text_and_bare_signatures_are_unreadable(string text)
    {
        AssertCode(ImageDecoder.UnreadableCode, () => ImageDecoder.Default.Decode(Encoding.Latin1.GetBytes(text)));
    }

    [Fact]
    public void Formats_outside_the_supported_five_are_refused()
    {
        // A valid 8×2 WBMP: type 0, fixed header 0, width 8, height 2, one byte a row.
        byte[] wbmp = [0, 0, 8, 2, 0xF0, 0x0F];
        var ex = AssertCode(ImageDecoder.UnreadableCode, () => ImageDecoder.Default.Decode(wbmp));
        Assert.Contains("Wbmp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompression_bomb_header_fails_fast_without_allocating_pixels()
    {
        byte[] bomb = HandMadeImages.PngHeaderOnly(30000, 30000);
        var decoder = ImageDecoder.Default;
        AssertCode(ImageDecoder.TooLargeCode, () => decoder.Decode(bomb));

        // Allocation, not the clock, shows that no pixel buffer was made: a time bar fails on a busy machine.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = AssertCode(ImageDecoder.TooLargeCode, () => decoder.Decode(bomb));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
        Assert.Contains("30000×30000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("40,000,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixel_limit_is_configurable()
    {
        byte[] png = TestImages.Encode(TestImages.Pattern(20, 20), SKEncodedImageFormat.Png);
        var strict = new ImageDecoder(new ImageLimits { MaxPixels = 399 });
        AssertCode(ImageDecoder.TooLargeCode, () => strict.Decode(png));
        Assert.Equal(20, new ImageDecoder(new ImageLimits { MaxPixels = 400 }).Decode(png).Width);
    }

    [Fact]
    public void Byte_limit_applies_to_spans_seekable_and_forward_only_streams()
    {
        byte[] png = TestImages.Encode(TestImages.Pattern(30, 30), SKEncodedImageFormat.Png);
        var strict = new ImageDecoder(new ImageLimits { MaxEncodedBytes = png.Length - 1 });
        var ex = AssertCode(ImageDecoder.TooLargeCode, () => strict.Decode(png));
        Assert.Contains($"{png.Length - 1:N0} bytes", ex.Message, StringComparison.Ordinal);
        using var seekable = new MemoryStream(png);
        AssertCode(ImageDecoder.TooLargeCode, () => strict.Decode(seekable));
        using var forwardOnly = new ForwardOnlyStream(png);
        AssertCode(ImageDecoder.TooLargeCode, () => strict.Decode(forwardOnly));

        var exact = new ImageDecoder(new ImageLimits { MaxEncodedBytes = png.Length });
        using var forwardOnlyAgain = new ForwardOnlyStream(png);
        Assert.Equal(30, exact.Decode(forwardOnlyAgain).Width);
    }

    [Fact]
    public void Missing_file_is_image_file_not_found()
    {
        var ex = AssertCode(ImageDecoder.FileNotFoundCode, () => ImageDecoder.Default.DecodeFile("/nonexistent-folder/face.jpg"));
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
    }

    [Fact]
    public void Limits_reject_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxPixels = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxEncodedBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxPixels = ImageLimits.HardMaxPixels + 1 });
    }

    private static FaceAccordException AssertCode(string code, Func<RgbImage> decode)
    {
        var ex = Assert.Throws<FaceAccordException>(() => decode());
        Assert.Equal(code, ex.Code);
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        return ex;
    }

    /// <summary>A stream that cannot seek or tell its length, like a network body.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // Small reads exercise the decoder's buffer growth.
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
