using System.Buffers;
using System.Drawing;
using FaceAccord.Core;
using SkiaSharp;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// Decodes part of a JPEG again at a chosen DCT scale: only the columns of the region (libjpeg-turbo's
/// crop_scanline) and only the rows down to its bottom edge, so a small face in a large photo gets its own pixels
/// back for the price of its region rather than of the whole photo.
/// </summary>
internal sealed class JpegRegionDecoder
{
    private readonly byte[] _jpeg;

    /// <param name="jpeg">The encoded bytes, already decoded once without error; the decoder keeps this array.</param>
    public JpegRegionDecoder(byte[] jpeg, int uprightWidth, int uprightHeight, SKEncodedOrigin origin)
    {
        _jpeg = jpeg;
        Width = uprightWidth;
        Height = uprightHeight;
        Origin = origin;
    }

    public int Width { get; }

    public int Height { get; }

    public SKEncodedOrigin Origin { get; }

    /// <summary>Upright pixels of <paramref name="photoRegion"/> (photo coordinates, clipped to the photo) at <paramref name="eighths"/>/8.</summary>
    public unsafe PhotoPixels Decode(RectangleF photoRegion, int eighths)
    {
        fixed (byte* encoded = _jpeg)
        {
            using var data = SKData.Create((IntPtr)encoded, _jpeg.Length, null);
            using var codec = SKCodec.Create(data) ?? throw Unreadable("the codec no longer opens it");
            var dims = DctScale.Dimensions(codec, eighths) ?? throw Unreadable($"it does not decode at {eighths}/8 scale");
            var (uw, uh) = ExifOrientation.UprightSize(Origin, dims.Width, dims.Height);
            var (s, ox, oy) = DctScale.Mapping(Origin, Width, Height, uw, uh, eighths);

            // Pixels whose footprint meets the region, plus one for bilinear sampling at its edge.
            int u0 = Math.Clamp((int)MathF.Floor((photoRegion.Left * s) + ox) - 1, 0, uw);
            int v0 = Math.Clamp((int)MathF.Floor((photoRegion.Top * s) + oy) - 1, 0, uh);
            int u1 = Math.Clamp((int)MathF.Ceiling((photoRegion.Right * s) + ox) + 2, 0, uw);
            int v1 = Math.Clamp((int)MathF.Ceiling((photoRegion.Bottom * s) + oy) + 2, 0, uh);
            if (u1 <= u0 || v1 <= v0)
            {
                throw new ArgumentException("The region lies outside the photo.", nameof(photoRegion));
            }

            var (x0, y0, x1, y1) = ExifOrientation.StoredRect(Origin, dims.Width, dims.Height, u0, v0, u1, v1);
            int w = x1 - x0, h = y1 - y0;
            var rgb = DecodeStored(codec, dims, x0, y0, w, h);
            var (rw, rh) = ExifOrientation.UprightSize(Origin, w, h);
            var image = new RgbImage(rw, rh, rgb);

            // Pixel u of the region was pixel u + u0 of the whole decoded frame.
            var extent = RectangleF.FromLTRB(
                Math.Max(0, (u0 - 0.5f - ox) / s), Math.Max(0, (v0 - 0.5f - oy) / s),
                Math.Min(Width, (u1 - 0.5f - ox) / s), Math.Min(Height, (v1 - 0.5f - oy) / s));
            return new PhotoPixels(image, s, ox - u0, oy - v0, extent);
        }
    }

    private byte[] DecodeStored(SKCodec codec, SKSizeI dims, int x0, int y0, int w, int h)
    {
        var info = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);

        // The scanline decoder crops columns only; rows above are skipped, rows below never decoded.
        var options = new SKCodecOptions(new SKRectI(x0, 0, x0 + w, dims.Height));
        var started = codec.StartScanlineDecode(info, options);
        if (started != SKCodecResult.Success)
        {
            throw Unreadable($"the scanline decoder refused the region ({started})");
        }

        if (y0 > 0 && !codec.SkipScanlines(y0))
        {
            throw Unreadable("its rows end early");
        }

        int rowBytes = w * 4;
        int length = checked(rowBytes * h);
        byte[] rgba = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int rows;
            unsafe
            {
                fixed (byte* p = rgba)
                {
                    rows = codec.GetScanlines((IntPtr)p, h, rowBytes);
                }
            }

            if (rows != h)
            {
                throw Unreadable("its rows end early");
            }

            byte[] rgb = GC.AllocateUninitializedArray<byte>(checked(w * h * 3));
            OrientedPixelCopy.Copy(rgba.AsSpan(0, length), w, h, Origin, premultiplied: false, rgb);
            return rgb;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    private static FaceAccordException Unreadable(string why) =>
        FaceAccordException.BadInput(ImageDecoder.UnreadableCode, $"The JPEG cannot be decoded again for a face region: {why}.");
}
