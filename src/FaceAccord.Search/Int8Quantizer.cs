using System.Numerics.Tensors;
using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// Symmetric per-template int8 quantisation: a template becomes <c>dims</c> bytes in [-127, 127] and one float scale,
/// so a gallery costs a quarter of float32 and a scan moves a quarter of the bytes. Every score of every index is
/// <see cref="Score"/> of an integer dot product, so the exact and HNSW indexes report the same numbers.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>The largest magnitude stored; -128 is never used, which keeps the SIMD kernels free of overflow.</summary>
    public const int Levels = 127;

    /// <summary>
    /// Worst-case gap between <see cref="Score"/> of two quantised unit templates and their float cosine:
    /// each side's rounding error is at most half a step per entry (step = max|x|/127 ≤ 1/127), so its
    /// L2 norm is at most sqrt(d)/254 · max|x|; with a unit partner this bounds the error per side.
    /// </summary>
    public static double ErrorBound(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double na = TensorPrimitives.Norm(a);
        double nb = TensorPrimitives.Norm(b);
        // MaxMagnitude returns the entry of largest magnitude, sign included.
        double ea = Math.Sqrt(a.Length) / (2.0 * Levels) * Math.Abs(TensorPrimitives.MaxMagnitude(a)) / na;
        double eb = Math.Sqrt(b.Length) / (2.0 * Levels) * Math.Abs(TensorPrimitives.MaxMagnitude(b)) / nb;
        return ea + eb + (ea * eb);
    }

    /// <summary>
    /// Writes the int8 code of <paramref name="vector"/>'s direction into <paramref name="codes"/> and returns the scale
    /// that maps codes back to the unit vector (<c>codes[i] · scale ≈ vector[i] / |vector|</c>).
    /// </summary>
    /// <exception cref="FaceAccordException">Wrong length, a NaN or infinite entry, or a zero vector (bad input).</exception>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        if (vector.Length != codes.Length)
        {
            throw FaceAccordException.BadInput(
                "template-dimensions-mismatch",
                $"The template has {vector.Length} dimensions; this index holds {codes.Length}.");
        }

        // Norm is NaN for any NaN and infinite for any infinity (or overflow): one pass checks both.
        float norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm))
        {
            throw FaceAccordException.BadInput("template-not-finite", "The template holds a NaN or infinite value.");
        }

        if (norm == 0)
        {
            throw FaceAccordException.BadInput("template-zero", "The template is all zeros; it has no direction to compare.");
        }

        float maxAbs = Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        float toCode = Levels / maxAbs;
        for (int i = 0; i < vector.Length; i++)
        {
            float c = MathF.Round(vector[i] * toCode);
            codes[i] = (sbyte)Math.Clamp(c, -Levels, Levels);
        }

        return maxAbs / Levels / norm;
    }

    /// <summary>The cosine estimate of two quantised templates from their integer dot product and scales.</summary>
    public static float Score(int dot, float scaleA, float scaleB) => dot * (scaleA * scaleB);
}
