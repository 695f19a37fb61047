using FaceAccord.Core;

namespace FaceAccord.Evaluation.Datasets;

/// <summary>
/// A face-model-independent signature of a photograph (its grey image averaged down to small grids), so copies
/// of one photo (re-encoded, re-cropped, recoloured, relabelled) can be found without asking the recogniser being
/// audited.
/// </summary>
/// <remarks>
/// The image's centred crops of side <see cref="Zooms"/> (whole, 0.9, 0.8) are each area-averaged to
/// <see cref="GridSize"/>² cells of luma, which JPEG re-encoding barely moves and Pearson correlation makes blind
/// to brightness and contrast changes. <see cref="Similarity"/> is the highest correlation between the central
/// window of one grid and the other grid shifted by up to <see cref="MaxShift"/> cells each way, over the zoom
/// combinations whose scale ratio is 1, 0.9 or 0.8 either way round, so a crop moved by a tenth of the image side or
/// enlarged by up to a quarter still lines up. <see cref="CoarseSimilarity"/> does the same on 8×8 means without
/// shifts (such shifts move it by under one cell): a cheap screen before the fine comparison.
/// </remarks>
public sealed class PhotoFingerprint
{
    /// <summary>Cells per side of a fine grid.</summary>
    public const int GridSize = 32;

    /// <summary>Largest shift searched, in cells (3 of 32: about 19 px on a 200-px UTKFace chip).</summary>
    public const int MaxShift = 3;

    /// <summary>Cells per side of a coarse grid.</summary>
    public const int CoarseSize = 8;

    private const int Window = GridSize - (2 * MaxShift);

    /// <summary>Side of each centred crop as a share of the image side.</summary>
    public static IReadOnlyList<double> Zooms { get; } = [1.0, 0.9, 0.8];

    // (zoom of the first image, zoom of the second): equal scale, then each image enlarged relative to the other.
    private static readonly (int A, int B)[] Pairings = [(0, 0), (1, 0), (2, 0), (0, 1), (0, 2)];

    private readonly float[][] _grids;
    private readonly float[][] _coarse;

    private PhotoFingerprint(float[][] grids, float[][] coarse)
    {
        _grids = grids;
        _coarse = coarse;
    }

    /// <summary>Luma per cell of the crop at <see cref="Zooms"/>[<paramref name="zoom"/>] less its mean, row-major, <see cref="GridSize"/>² values.</summary>
    public ReadOnlySpan<float> Grid(int zoom) => _grids[zoom];

    /// <summary>Fingerprints a decoded image at least <see cref="GridSize"/> pixels on each side.</summary>
    public static PhotoFingerprint FromImage(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width < GridSize || image.Height < GridSize)
        {
            throw FaceAccordException.BadInput("image-too-small", $"A {image.Width}×{image.Height} image is smaller than the {GridSize}×{GridSize} fingerprint grid.");
        }

        float[] luma = new float[image.Width * image.Height];
        byte[] p = image.Pixels;
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299f * p[3 * i]) + (0.587f * p[(3 * i) + 1]) + (0.114f * p[(3 * i) + 2]);
        }

        var grids = new float[Zooms.Count][];
        var coarse = new float[Zooms.Count][];
        for (int z = 0; z < Zooms.Count; z++)
        {
            grids[z] = AreaAverage(luma, image.Width, image.Height, Zooms[z]);
            coarse[z] = Coarsen(grids[z]);
        }

        return new PhotoFingerprint(grids, coarse);
    }

    /// <summary>Highest Pearson correlation, in [−1, 1], of the 8×8 coarse grids over the zoom pairings, unshifted: a
    /// screen for <see cref="Similarity"/>, symmetric in its arguments.</summary>
    public static float CoarseSimilarity(PhotoFingerprint a, PhotoFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        float best = -1;
        foreach (var (za, zb) in Pairings)
        {
            best = Math.Max(best, System.Numerics.Tensors.TensorPrimitives.Dot(a._coarse[za], b._coarse[zb]));
        }

        return best;
    }

    /// <summary>Highest Pearson correlation, in [−1, 1], of one grid's central window with the other grid shifted
    /// by up to <see cref="MaxShift"/> cells, over the zoom pairings and with either image centred; symmetric in its
    /// arguments.</summary>
    public static float Similarity(PhotoFingerprint a, PhotoFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        float best = -1;
        foreach (var (za, zb) in Pairings)
        {
            best = Math.Max(best, Math.Max(Shifted(a._grids[za], b._grids[zb]), Shifted(b._grids[zb], a._grids[za])));
        }

        return best;
    }

    private static float[] AreaAverage(float[] luma, int width, int height, double zoom)
    {
        // The centred crop of side zoom·width × zoom·height; each pixel whose centre lies inside goes to one cell.
        double cw = width * zoom, ch = height * zoom;
        double x0 = (width - cw) / 2, y0 = (height - ch) / 2;
        var sums = new double[GridSize * GridSize];
        var counts = new int[GridSize * GridSize];
        for (int y = 0; y < height; y++)
        {
            int cy = (int)Math.Floor((y + 0.5 - y0) / ch * GridSize);
            if (cy < 0 || cy >= GridSize)
            {
                continue;
            }

            for (int x = 0; x < width; x++)
            {
                int cx = (int)Math.Floor((x + 0.5 - x0) / cw * GridSize);
                if (cx >= 0 && cx < GridSize)
                {
                    sums[(cy * GridSize) + cx] += luma[(y * width) + x];
                    counts[(cy * GridSize) + cx]++;
                }
            }
        }

        var grid = new float[GridSize * GridSize];
        for (int c = 0; c < grid.Length; c++)
        {
            grid[c] = counts[c] > 0 ? (float)(sums[c] / counts[c]) : 0f;
        }

        // Centred on its own mean: correlation ignores the offset, and float sums then keep their precision.
        float mean = grid.Average();
        for (int c = 0; c < grid.Length; c++)
        {
            grid[c] -= mean;
        }

        return grid;
    }

    private static float[] Coarsen(float[] grid)
    {
        const int block = GridSize / CoarseSize;
        var coarse = new float[CoarseSize * CoarseSize];
        for (int c = 0; c < grid.Length; c++)
        {
            coarse[(c / GridSize / block * CoarseSize) + (c % GridSize / block)] += grid[c] / (block * block);
        }

        // Mean-centred and scaled to unit length, so a dot product is a Pearson correlation; a flat image is all zeros.
        float mean = coarse.Average();
        double norm = 0;
        for (int i = 0; i < coarse.Length; i++)
        {
            coarse[i] -= mean;
            norm += coarse[i] * coarse[i];
        }

        if (norm < 1e-9)
        {
            Array.Clear(coarse);
            return coarse;
        }

        float scale = (float)(1 / Math.Sqrt(norm));
        for (int i = 0; i < coarse.Length; i++)
        {
            coarse[i] *= scale;
        }

        return coarse;
    }

    private static float Shifted(float[] centred, float[] shifted)
    {
        // The centred window's sums are fixed; the shifted window's come from running row sums; the cross term is
        // one vectorised dot product per row. Grids are mean-centred first so float sums do not cancel.
        const double n = Window * Window;
        double sa = 0, saa = 0;
        for (int y = 0; y < Window; y++)
        {
            var row = centred.AsSpan(((y + MaxShift) * GridSize) + MaxShift, Window);
            sa += System.Numerics.Tensors.TensorPrimitives.Sum(row);
            saa += System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
        }

        double varA = saa - (sa * sa / n);
        float best = -1;
        for (int dy = -MaxShift; dy <= MaxShift; dy++)
        {
            for (int dx = -MaxShift; dx <= MaxShift; dx++)
            {
                double sb = 0, sbb = 0, sab = 0;
                for (int y = 0; y < Window; y++)
                {
                    var ra = centred.AsSpan(((y + MaxShift) * GridSize) + MaxShift, Window);
                    var rb = shifted.AsSpan(((y + MaxShift + dy) * GridSize) + MaxShift + dx, Window);
                    sb += System.Numerics.Tensors.TensorPrimitives.Sum(rb);
                    sbb += System.Numerics.Tensors.TensorPrimitives.Dot(rb, rb);
                    sab += System.Numerics.Tensors.TensorPrimitives.Dot(ra, rb);
                }

                double var = varA * (sbb - (sb * sb / n));
                best = Math.Max(best, var > 1e-6 ? (float)((sab - (sa * sb / n)) / Math.Sqrt(var)) : 0f);
            }
        }

        return best;
    }
}
