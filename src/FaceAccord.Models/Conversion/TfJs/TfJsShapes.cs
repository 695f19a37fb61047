using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>Static shape arithmetic in TF axis order; a null dimension is unknown (normally the batch).</summary>
internal static class TfJsShapes
{
    /// <summary>For a TF NHWC axis, its position in NCHW.</summary>
    public static readonly int[] NhwcToNchwAxis = [0, 2, 3, 1];

    /// <summary>For an NCHW axis, the TF NHWC axis it holds.</summary>
    public static readonly int[] NchwToNhwcAxis = [0, 3, 1, 2];

    /// <summary>Transpose permutation taking NHWC data to NCHW.</summary>
    public static readonly long[] ToNchwPerm = [0, 3, 1, 2];

    /// <summary>Transpose permutation taking NCHW data back to NHWC.</summary>
    public static readonly long[] ToNhwcPerm = [0, 2, 3, 1];

    public static long? Product(IEnumerable<long?> dims)
    {
        long p = 1;
        foreach (var d in dims)
        {
            if (d is not long v)
            {
                return null;
            }

            p *= v;
        }

        return p;
    }

    /// <summary>NumPy/TF broadcasting of two shapes (right-aligned).</summary>
    public static long?[] Broadcast(long?[] a, long?[] b, TfJsNode node)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long?[rank];
        for (int i = 0; i < rank; i++)
        {
            long? da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            long? db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = (da, db) switch
            {
                (1, _) => db,
                (_, 1) => da,
                (long x, long y) when x == y => x,
                (long x, long y) => throw FaceAccordException.BadInput(
                    "invalid-shape", $"{node}: shapes [{Format(a)}] and [{Format(b)}] do not broadcast ({x} vs {y})."),
                (long x, null) => x,
                (null, long y) => y,
                _ => null,
            };
        }

        return result;
    }

    /// <summary>Normalises possibly negative axes against a rank and sorts them.</summary>
    public static int[] NormalizeAxes(IEnumerable<long> axes, int rank, TfJsNode node)
    {
        var result = new SortedSet<int>();
        foreach (long a in axes)
        {
            long n = a < 0 ? a + rank : a;
            if (n < 0 || n >= rank)
            {
                throw FaceAccordException.BadInput("invalid-shape", $"{node}: axis {a} is out of range for rank {rank}.");
            }

            result.Add((int)n);
        }

        return [.. result];
    }

    public static string Format(long?[] shape) => string.Join(",", shape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"));

    public static long?[] FromInts(int[] shape) => shape.Select(d => (long?)d).ToArray();
}
