using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// A tensor whose value is known at conversion time (a weight, a shape, an axis list), in TF axis
/// order. Keeping values rather than initializer names lets the converter fold trivial arithmetic and
/// re-lay weights out for ONNX before anything is written.
/// </summary>
internal sealed class TfJsConstant
{
    public TfJsConstant(int[] shape, float[]? floats, int[]? ints)
    {
        if ((floats is null) == (ints is null))
        {
            throw new ArgumentException("A constant holds either floats or ints.");
        }

        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != (floats?.Length ?? ints!.Length))
        {
            throw new ArgumentException($"A constant of shape [{string.Join(",", shape)}] needs {count} values.");
        }

        Shape = shape;
        Floats = floats;
        Ints = ints;
    }

    public int[] Shape { get; }

    public float[]? Floats { get; }

    public int[]? Ints { get; }

    public int Count => Floats?.Length ?? Ints!.Length;

    public int Rank => Shape.Length;

    /// <summary>True when every dimension is 1, so the value broadcasts the same way in any layout.</summary>
    public bool IsSingleValue => Shape.All(d => d == 1);

    public float[] RequireFloats(TfJsNode node, string role) =>
        Floats ?? throw FaceAccordException.BadInput("unsupported-op", $"{node}: the {role} must be a float tensor, not int32.");

    public long[] RequireInts(TfJsNode node, string role) =>
        Ints?.Select(v => (long)v).ToArray()
        ?? throw FaceAccordException.BadInput("unsupported-op", $"{node}: the {role} must be an int32 tensor.");

    public TfJsConstant WithShape(int[] shape) => new(shape, Floats, Ints);

    /// <summary>The same values with leading 1-dimensions added up to <paramref name="rank"/> (TF broadcasting).</summary>
    public TfJsConstant AlignedTo(int rank) =>
        Rank >= rank ? this : WithShape([.. Enumerable.Repeat(1, rank - Rank), .. Shape]);

    /// <summary>A rank-4 NHWC float constant re-laid out as NCHW.</summary>
    public TfJsConstant ToNchw()
    {
        if (Rank != 4 || Floats is null)
        {
            throw new InvalidOperationException("Only rank-4 float constants are transposed to NCHW.");
        }

        int n = Shape[0], h = Shape[1], w = Shape[2], c = Shape[3];
        var src = Floats;
        var dst = new float[src.Length];
        for (int b = 0; b < n; b++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int s = ((((b * h) + y) * w) + x) * c;
                    for (int ch = 0; ch < c; ch++)
                    {
                        dst[((((b * c) + ch) * h) + y) * w + x] = src[s + ch];
                    }
                }
            }
        }

        return new TfJsConstant([n, c, h, w], dst, null);
    }

    /// <summary>Elementwise <paramref name="f"/> of two float constants with TF broadcasting.</summary>
    public static TfJsConstant Combine(TfJsConstant a, TfJsConstant b, Func<float, float, float> f, TfJsNode node)
    {
        var shape = TfJsShapes.Broadcast(TfJsShapes.FromInts(a.Shape), TfJsShapes.FromInts(b.Shape), node).Select(d => (int)d!.Value).ToArray();
        int rank = shape.Length;
        var sa = BroadcastStrides(a.Shape, rank, shape);
        var sb = BroadcastStrides(b.Shape, rank, shape);
        var va = a.RequireValues();
        var vb = b.RequireValues();
        int count = shape.Aggregate(1, (x, y) => x * y);
        var result = new float[count];
        var index = new int[rank];
        for (int i = 0; i < count; i++)
        {
            int oa = 0, ob = 0;
            for (int d = 0; d < rank; d++)
            {
                oa += index[d] * sa[d];
                ob += index[d] * sb[d];
            }

            result[i] = f(va[oa], vb[ob]);
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return new TfJsConstant(shape, result, null);
    }

    private float[] RequireValues() =>
        Floats ?? throw new InvalidOperationException("Arithmetic is folded on float constants only.");

    private static int[] BroadcastStrides(int[] shape, int rank, int[] outShape)
    {
        var strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1, s = shape.Length - 1; d >= 0; d--, s--)
        {
            int dim = s >= 0 ? shape[s] : 1;
            strides[d] = dim == 1 && outShape[d] != 1 ? 0 : stride;
            stride *= dim;
        }

        return strides;
    }
}
