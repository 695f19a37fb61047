using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceAccord.Search;

/// <summary>
/// Integer dot products of int8 codes in [-127, 127], the inner loop of every scan. Each path returns the exact
/// integer sum, so the AVX2, Vector128 and scalar paths agree bit for bit and only speed differs.
/// </summary>
public static unsafe class Int8Dot
{
    /// <summary>The widest path this machine runs: "avx2", "vector128" or "scalar".</summary>
    public static string BestPath =>
        Avx2.IsSupported ? "avx2" : Vector128.IsHardwareAccelerated ? "vector128" : "scalar";

    /// <summary>Dot product on the widest path the machine supports.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(sbyte* a, sbyte* b, int length)
    {
        if (Avx2.IsSupported)
        {
            return DotAvx2(a, b, length);
        }

        return Vector128.IsHardwareAccelerated ? DotVector128(a, b, length) : DotScalar(a, b, length);
    }

    /// <summary>Safe entry for tests and callers without pointers.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(a.Length, b.Length, nameof(b));
        fixed (sbyte* pa = a)
        fixed (sbyte* pb = b)
        {
            return Dot(pa, pb, a.Length);
        }
    }

    /// <summary>
    /// 32 codes per step: |a| times b·sign(a) is an unsigned×signed byte product (vpmaddubsw, pairs stay below
    /// 2·127·127 so nothing saturates), then pairs of 16-bit sums widen to 32 bits (vpmaddwd). Two accumulators
    /// hide the add latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int DotAvx2(sbyte* a, sbyte* b, int length)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException("AVX2 is not available on this machine.");
        }

        var ones = Vector256.Create((short)1);
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        int i = 0;
        for (; i <= length - 64; i += 64)
        {
            acc0 = Avx2.Add(acc0, Step256(Avx.LoadVector256(a + i), Avx.LoadVector256(b + i), ones));
            acc1 = Avx2.Add(acc1, Step256(Avx.LoadVector256(a + i + 32), Avx.LoadVector256(b + i + 32), ones));
        }

        if (i <= length - 32)
        {
            acc0 = Avx2.Add(acc0, Step256(Avx.LoadVector256(a + i), Avx.LoadVector256(b + i), ones));
            i += 32;
        }

        int sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        return sum + DotVector128(a + i, b + i, length - i);
    }

    /// <summary>16 codes per step with portable Vector128 operations (SSE4.1 or NEON): widen to 16 then 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int DotVector128(sbyte* a, sbyte* b, int length)
    {
        var acc = Vector128<int>.Zero;
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - 16; i += 16)
            {
                var va = Vector128.Load(a + i);
                var vb = Vector128.Load(b + i);
                // |a·b| ≤ 127² fits 16 bits, so multiply at 16 bits and widen the products once.
                var lo = Vector128.WidenLower(va) * Vector128.WidenLower(vb);
                var hi = Vector128.WidenUpper(va) * Vector128.WidenUpper(vb);
                acc += Vector128.WidenLower(lo) + Vector128.WidenUpper(lo) + Vector128.WidenLower(hi) + Vector128.WidenUpper(hi);
            }
        }

        return Vector128.Sum(acc) + DotScalar(a + i, b + i, length - i);
    }

    /// <summary>The reference every vector path must equal.</summary>
    public static int DotScalar(sbyte* a, sbyte* b, int length)
    {
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Step256(Vector256<sbyte> a, Vector256<sbyte> b, Vector256<short> ones)
    {
        var absA = Avx2.Abs(a);
        var signedB = Avx2.Sign(b, a);
        var pairs = Avx2.MultiplyAddAdjacent(absA, signedB);
        return Avx2.MultiplyAddAdjacent(pairs, ones);
    }
}
