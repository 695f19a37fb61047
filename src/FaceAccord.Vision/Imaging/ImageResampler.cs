using System.Numerics;
using System.Runtime.CompilerServices;
using FaceAccord.Core;
using FaceAccord.Models.Packs;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// The one resampling kernel behind detector input (letterbox, tiles) and face alignment: any affine map
/// of an <see cref="RgbImage"/> straight into a normalised float tensor, in one pass with no temporary image.
/// </summary>
/// <remarks>
/// Sampling is bilinear with pixel centres at integer coordinates (OpenCV's <c>warpAffine</c> convention):
/// output pixel (x, y) takes the source value at <c>inverse(x, y)</c>. Outside the image the source is
/// black (0 before normalisation), as in <c>warpAffine</c>'s default border and the usual letterbox padding;
/// edge replication would smear cut-off faces into the crop. When the map shrinks the image more than 1.5×
/// along an axis, each output pixel averages up to 4×4 bilinear samples over its footprint, so large photos do
/// not alias; at ordinary scales the result is exactly bilinear.
/// </remarks>
public static class ImageResampler
{
    private const int MaxSupersamples = 4;

    /// <summary>Floats one tensor item of <paramref name="width"/> × <paramref name="height"/> RGB needs.</summary>
    public static int TensorLength(int width, int height) => checked(width * height * 3);

    /// <summary>
    /// Uniform scale that fits the whole source inside the destination, centred, with black bars;
    /// maps the source's pixel area onto the destination's (half-pixel aligned).
    /// </summary>
    public static Matrix3x2 Letterbox(int sourceWidth, int sourceHeight, int width, int height)
    {
        ValidateSizes(sourceWidth, sourceHeight, width, height);
        float s = Math.Min((float)width / sourceWidth, (float)height / sourceHeight);
        float ox = (width - (sourceWidth * s)) / 2;
        float oy = (height - (sourceHeight * s)) / 2;

        // Pixel centre c covers [c − ½, c + ½]: x' + ½ = (x + ½)·s + offset.
        return new Matrix3x2(s, 0, 0, s, (0.5f * s) + ox - 0.5f, (0.5f * s) + oy - 0.5f);
    }

    /// <summary>Non-uniform scale of the whole source onto the whole destination (half-pixel aligned).</summary>
    public static Matrix3x2 Stretch(int sourceWidth, int sourceHeight, int width, int height)
    {
        ValidateSizes(sourceWidth, sourceHeight, width, height);
        float sx = (float)width / sourceWidth;
        float sy = (float)height / sourceHeight;
        return new Matrix3x2(sx, 0, 0, sy, (0.5f * sx) - 0.5f, (0.5f * sy) - 0.5f);
    }

    /// <summary>
    /// Writes the <paramref name="width"/> × <paramref name="height"/> view of <paramref name="source"/> under
    /// <paramref name="sourceToDestination"/> into the first <see cref="TensorLength"/> floats of
    /// <paramref name="destination"/> (one batch item), each value <c>(pixel − Mean[c]) · Scale[c]</c> with
    /// channels in the normalisation's order and the given layout.
    /// </summary>
    public static unsafe void Resample(
        RgbImage source,
        Matrix3x2 sourceToDestination,
        int width,
        int height,
        PixelNormalization normalization,
        TensorLayout layout,
        Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(normalization);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (normalization.Mean is not { Length: 3 } || normalization.Scale is not { Length: 3 })
        {
            throw new ArgumentException("Pixel normalisation needs three means and three scales.", nameof(normalization));
        }

        int length = TensorLength(width, height);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; {width}×{height}×3 needs {length}.", nameof(destination));
        }

        if (!Matrix3x2.Invert(sourceToDestination, out Matrix3x2 inv) || !IsFinite(inv))
        {
            throw new ArgumentException("The transform is singular and cannot be inverted.", nameof(sourceToDestination));
        }

        // Output channel index of source R, G and B.
        bool bgr = normalization.Order == ChannelOrder.Bgr;
        int cr = bgr ? 2 : 0, cb = bgr ? 0 : 2;
        int plane = width * height;
        int pixelStride = layout == TensorLayout.Nhwc ? 3 : 1;
        int channelOffset = layout == TensorLayout.Nhwc ? 1 : plane;

        var k = new Kernel
        {
            MeanR = normalization.Mean[cr],
            MeanG = normalization.Mean[1],
            MeanB = normalization.Mean[cb],
            ScaleR = normalization.Scale[cr],
            ScaleG = normalization.Scale[1],
            ScaleB = normalization.Scale[cb],
            Width = source.Width,
            Height = source.Height,
            Stride = source.Width * 3,
        };

        // Source step per output step along x and y: its length is the footprint of one output pixel.
        int nx = Supersamples(MathF.Sqrt((inv.M11 * inv.M11) + (inv.M12 * inv.M12)));
        int ny = Supersamples(MathF.Sqrt((inv.M21 * inv.M21) + (inv.M22 * inv.M22)));

        fixed (byte* src = source.Pixels)
        fixed (float* dst = destination)
        {
            float* pr = dst + (cr * channelOffset);
            float* pg = dst + channelOffset;
            float* pb = dst + (cb * channelOffset);
            for (int y = 0; y < height; y++)
            {
                float rowX = (inv.M21 * y) + inv.M31;
                float rowY = (inv.M22 * y) + inv.M32;
                int i = y * width * pixelStride;
                if (nx == 1 && ny == 1)
                {
                    for (int x = 0; x < width; x++, i += pixelStride)
                    {
                        k.Bilinear(src, rowX + (inv.M11 * x), rowY + (inv.M12 * x), out float r, out float g, out float b);
                        pr[i] = (r - k.MeanR) * k.ScaleR;
                        pg[i] = (g - k.MeanG) * k.ScaleG;
                        pb[i] = (b - k.MeanB) * k.ScaleB;
                    }
                }
                else
                {
                    for (int x = 0; x < width; x++, i += pixelStride)
                    {
                        k.Supersample(src, inv, x, y, nx, ny, out float r, out float g, out float b);
                        pr[i] = (r - k.MeanR) * k.ScaleR;
                        pg[i] = (g - k.MeanG) * k.ScaleG;
                        pb[i] = (b - k.MeanB) * k.ScaleB;
                    }
                }
            }
        }
    }

    private static int Supersamples(float footprint) =>
        footprint <= 1.5f ? 1 : Math.Min(MaxSupersamples, (int)MathF.Ceiling(footprint / 1.5f));

    private static bool IsFinite(Matrix3x2 m) =>
        float.IsFinite(m.M11) && float.IsFinite(m.M12) && float.IsFinite(m.M21) &&
        float.IsFinite(m.M22) && float.IsFinite(m.M31) && float.IsFinite(m.M32);

    private static void ValidateSizes(int sourceWidth, int sourceHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
    }

    /// <summary>Per-call constants of the sampling loop, kept together so the JIT holds them in registers.</summary>
    private struct Kernel
    {
        public float MeanR, MeanG, MeanB, ScaleR, ScaleG, ScaleB;
        public int Width, Height, Stride;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly unsafe void Bilinear(byte* src, float fx, float fy, out float r, out float g, out float b)
        {
            float flx = MathF.Floor(fx);
            float fly = MathF.Floor(fy);
            int x0 = (int)flx;
            int y0 = (int)fly;
            float ax = fx - flx;
            float ay = fy - fly;

            // All four neighbours inside: the common case, no per-neighbour checks.
            if ((uint)x0 < (uint)(Width - 1) && (uint)y0 < (uint)(Height - 1))
            {
                byte* p = src + ((long)y0 * Stride) + (x0 * 3);
                byte* q = p + Stride;
                float top0 = p[0] + (ax * (p[3] - p[0]));
                float top1 = p[1] + (ax * (p[4] - p[1]));
                float top2 = p[2] + (ax * (p[5] - p[2]));
                float bot0 = q[0] + (ax * (q[3] - q[0]));
                float bot1 = q[1] + (ax * (q[4] - q[1]));
                float bot2 = q[2] + (ax * (q[5] - q[2]));
                r = top0 + (ay * (bot0 - top0));
                g = top1 + (ay * (bot1 - top1));
                b = top2 + (ay * (bot2 - top2));
                return;
            }

            Border(src, x0, y0, ax, ay, out r, out g, out b);
        }

        public readonly unsafe void Supersample(byte* src, Matrix3x2 inv, int x, int y, int nx, int ny, out float r, out float g, out float b)
        {
            float sr = 0, sg = 0, sb = 0;
            for (int j = 0; j < ny; j++)
            {
                float oy = y + ((j + 0.5f) / ny) - 0.5f;
                for (int i = 0; i < nx; i++)
                {
                    float ox = x + ((i + 0.5f) / nx) - 0.5f;
                    float fx = (inv.M11 * ox) + (inv.M21 * oy) + inv.M31;
                    float fy = (inv.M12 * ox) + (inv.M22 * oy) + inv.M32;
                    Bilinear(src, fx, fy, out float pr, out float pg, out float pb);
                    sr += pr;
                    sg += pg;
                    sb += pb;
                }
            }

            float w = 1f / (nx * ny);
            r = sr * w;
            g = sg * w;
            b = sb * w;
        }

        /// <summary>Bilinear sample where some neighbours fall outside: those count as black.</summary>
        private readonly unsafe void Border(byte* src, int x0, int y0, float ax, float ay, out float r, out float g, out float b)
        {
            r = g = b = 0;
            for (int dy = 0; dy < 2; dy++)
            {
                int yy = y0 + dy;
                if ((uint)yy >= (uint)Height)
                {
                    continue;
                }

                float wy = dy == 0 ? 1 - ay : ay;
                for (int dx = 0; dx < 2; dx++)
                {
                    int xx = x0 + dx;
                    if ((uint)xx >= (uint)Width)
                    {
                        continue;
                    }

                    float wgt = wy * (dx == 0 ? 1 - ax : ax);
                    byte* p = src + ((long)yy * Stride) + (xx * 3);
                    r += wgt * p[0];
                    g += wgt * p[1];
                    b += wgt * p[2];
                }
            }
        }
    }
}
