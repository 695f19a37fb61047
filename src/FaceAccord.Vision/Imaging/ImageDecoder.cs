using System.Buffers;
using FaceAccord.Core;
using SkiaSharp;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// The one door through which encoded images enter FaceAccord: JPEG, PNG, WebP, BMP and GIF (first
/// frame) become upright RGB24, within <see cref="ImageLimits"/>, and every failure is a
/// <see cref="FaceAccordException"/> with a stable code instead of a crash, a hang or a grey image.
/// A <see cref="Photo"/> is the same image decoded no finer than a working size asks (JPEG's DCT scaling), so a
/// 12 MP upload costs a fraction of its full decode.
/// </summary>
/// <remarks>
/// Strict about completeness: data the codec reports as incomplete (a cut-off upload, even a JPEG missing
/// only its end marker) is refused rather than returned with Skia's grey fill. Corruption inside the
/// compressed data that the codec itself accepts cannot be detected here.
/// </remarks>
public sealed class ImageDecoder
{
    /// <summary>Nothing to decode: zero bytes.</summary>
    public const string EmptyCode = "image-empty";

    /// <summary>Not an image, an unsupported format, or truncated/corrupt data.</summary>
    public const string UnreadableCode = "image-unreadable";

    /// <summary>More encoded bytes or more pixels than the limits allow.</summary>
    public const string TooLargeCode = "image-too-large";

    /// <summary>The named file does not exist.</summary>
    public const string FileNotFoundCode = "image-file-not-found";

    // Buffers above this size are allocated, not rented, so the shared pool does not keep them alive.
    private const int PooledBufferLimit = 16 * 1024 * 1024;

    private static readonly SKEncodedImageFormat[] Supported =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif];

    public ImageDecoder(ImageLimits? limits = null)
    {
        Limits = limits ?? ImageLimits.Default;
    }

    /// <summary>A decoder with the default limits; it holds no state, so it can be shared.</summary>
    public static ImageDecoder Default { get; } = new();

    public ImageLimits Limits { get; }

    private delegate T FromBytes<out T>(ReadOnlySpan<byte> data);

    /// <summary>Decodes an encoded image held in memory, at full resolution.</summary>
    public RgbImage Decode(ReadOnlySpan<byte> data) => DecodePhoto(data, 0).Working.Image;

    /// <summary>Reads <paramref name="stream"/> to its end (never past the byte limit) and decodes it at full resolution.</summary>
    public RgbImage Decode(Stream stream) => Read(stream, data => Decode(data));

    /// <summary>Decodes an image file at full resolution; a missing file is <c>image-file-not-found</c>.</summary>
    public RgbImage DecodeFile(string path) => ReadFile(path, data => Decode(data));

    /// <summary>
    /// Decodes an encoded image held in memory as a <see cref="Photo"/>: a JPEG at the smallest DCT scale whose long
    /// side still reaches <paramref name="workingSide"/> (0: full resolution), keeping a copy of the bytes so faces
    /// can have finer pixels later; other formats whole.
    /// </summary>
    public Photo DecodePhoto(ReadOnlySpan<byte> data, int workingSide)
    {
        if (data.IsEmpty)
        {
            throw FaceAccordException.BadInput(EmptyCode, "The image is empty (0 bytes).");
        }

        if (data.Length > Limits.MaxEncodedBytes)
        {
            throw TooManyBytes(data.Length);
        }

        return DecodeChecked(data, workingSide);
    }

    /// <summary>Reads <paramref name="stream"/> to its end (never past the byte limit) and decodes it as <see cref="DecodePhoto(ReadOnlySpan{byte}, int)"/>.</summary>
    public Photo DecodePhoto(Stream stream, int workingSide) => Read(stream, data => DecodePhoto(data, workingSide));

    /// <summary>Decodes an image file as <see cref="DecodePhoto(ReadOnlySpan{byte}, int)"/>; a missing file is <c>image-file-not-found</c>.</summary>
    public Photo DecodePhotoFile(string path, int workingSide) => ReadFile(path, data => DecodePhoto(data, workingSide));

    private T Read<T>(Stream stream, FromBytes<T> decode)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long limit = Limits.MaxEncodedBytes;
        if (stream.CanSeek && stream.Length - stream.Position > limit)
        {
            throw TooManyBytes(stream.Length - stream.Position);
        }

        // A known length gets one spare byte, so reaching the end needs no second buffer.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)(stream.Length - stream.Position + 1) : 64 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooManyBytes(length);
                }
            }

            return decode(buffer.AsSpan(0, length));
        }
        catch (IOException e)
        {
            throw FaceAccordException.BadInput(UnreadableCode, $"The image could not be read: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private T ReadFile<T>(string path, FromBytes<T> decode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return Read(file, decode);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FaceAccordException.BadInput(FileNotFoundCode, $"The image file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw FaceAccordException.BadInput(UnreadableCode, $"The image file '{path}' could not be read: {e.Message}", e);
        }
    }

    private unsafe Photo DecodeChecked(ReadOnlySpan<byte> data, int workingSide)
    {
        fixed (byte* encoded = data)
        {
            // Wraps the caller's bytes without a copy; the codec is disposed before the pin ends.
            using var skData = SKData.Create((IntPtr)encoded, data.Length, null);
            using var codec = skData is null ? null : SKCodec.Create(skData);
            if (codec is null)
            {
                throw FaceAccordException.BadInput(UnreadableCode, "The data is not an image in a supported format (JPEG, PNG, WebP, BMP, GIF), or its header is cut off.");
            }

            if (Array.IndexOf(Supported, codec.EncodedFormat) < 0)
            {
                throw FaceAccordException.BadInput(UnreadableCode, $"{codec.EncodedFormat} images are not supported; use JPEG, PNG, WebP, BMP or GIF.");
            }

            // The header alone tells the size: refuse decompression bombs before any pixel exists.
            SKImageInfo header = codec.Info;
            if (header.Width <= 0 || header.Height <= 0)
            {
                throw FaceAccordException.BadInput(UnreadableCode, "The image header declares no pixels.");
            }

            long count = (long)header.Width * header.Height;
            if (count > Limits.MaxPixels)
            {
                throw FaceAccordException.BadInput(
                    TooLargeCode,
                    $"The image is {header.Width}×{header.Height} ({count:N0} pixels); the limit is {Limits.MaxPixels:N0} pixels.");
            }

            // Decoding work is bounded by the scale chosen: a DCT-scaled JPEG never has its full pixels in memory.
            int eighths = DctScale.EighthsFor(Math.Max(header.Width, header.Height), workingSide);
            var dims = DctScale.Dimensions(codec, eighths);
            if (dims is null)
            {
                eighths = DctScale.Full;
                dims = new SKSizeI(header.Width, header.Height);
            }

            var pixels = DecodePixels(codec, dims.Value.Width, dims.Value.Height);
            var origin = codec.EncodedOrigin;
            var (uprightWidth, uprightHeight) = ExifOrientation.UprightSize(origin, header.Width, header.Height);
            if (eighths == DctScale.Full)
            {
                return Photo.Of(pixels);
            }

            var (s, ox, oy) = DctScale.Mapping(origin, uprightWidth, uprightHeight, pixels.Width, pixels.Height, eighths);
            var working = new PhotoPixels(pixels, s, ox, oy, new System.Drawing.RectangleF(0, 0, uprightWidth, uprightHeight));
            return new Photo(uprightWidth, uprightHeight, working, new JpegRegionDecoder(data.ToArray(), uprightWidth, uprightHeight, origin));
        }
    }

    private static unsafe RgbImage DecodePixels(SKCodec codec, int width, int height)
    {
        bool opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        var target = new SKImageInfo(width, height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        int rgbaLength = checked(width * height * 4);
        bool pooled = rgbaLength <= PooledBufferLimit;
        byte[] rgba = pooled ? ArrayPool<byte>.Shared.Rent(rgbaLength) : GC.AllocateUninitializedArray<byte>(rgbaLength);
        try
        {
            SKCodecResult result;
            fixed (byte* p = rgba)
            {
                // Frame 0 with no prior frame: the first frame of an animation, composited on nothing.
                result = codec.GetPixels(target, (IntPtr)p, width * 4, new SKCodecOptions(0));
            }

            if (result != SKCodecResult.Success)
            {
                // IncompleteInput and ErrorInInput leave a grey-filled partial image: never hand that on.
                string why = result switch
                {
                    SKCodecResult.IncompleteInput => "it is truncated",
                    SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "its data is corrupt",
                    _ => $"the decoder reported {result}",
                };
                throw FaceAccordException.BadInput(UnreadableCode, $"The {codec.EncodedFormat} image cannot be decoded: {why}.");
            }

            var origin = codec.EncodedOrigin;
            var (outW, outH) = ExifOrientation.UprightSize(origin, width, height);
            byte[] rgb = GC.AllocateUninitializedArray<byte>(checked(width * height * 3));
            OrientedPixelCopy.Copy(rgba.AsSpan(0, rgbaLength), width, height, origin, !opaque, rgb);
            return new RgbImage(outW, outH, rgb);
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(rgba);
            }
        }
    }

    private FaceAccordException TooManyBytes(long seen) =>
        FaceAccordException.BadInput(
            TooLargeCode,
            $"The encoded image has at least {seen:N0} bytes; the limit is {Limits.MaxEncodedBytes:N0} bytes.");
}
