using System.Numerics.Tensors;

namespace FaceAccord.Core;

/// <summary>Small vector helpers shared by embedding, matching and evaluation.</summary>
public static class VectorMath
{
    /// <summary>Scales <paramref name="v"/> to unit length in place; a zero vector stays zero.</summary>
    public static void NormalizeInPlace(Span<float> v)
    {
        float norm = TensorPrimitives.Norm(v);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }

    /// <summary>Cosine similarity; 0 when either vector is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float na = TensorPrimitives.Norm(a);
        float nb = TensorPrimitives.Norm(b);
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        return Math.Clamp(TensorPrimitives.Dot(a, b) / (na * nb), -1f, 1f);
    }
}
