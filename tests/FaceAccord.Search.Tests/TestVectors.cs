using FaceAccord.Core;

namespace FaceAccord.Search.Tests;

/// <summary>Seeded unit vectors: uniform on the sphere, or in clusters (one cluster per subject) like face templates.</summary>
internal static class TestVectors
{
    public static float[] Unit(Random rng, int dims)
    {
        var v = new float[dims];
        for (int i = 0; i < dims; i++)
        {
            v[i] = Gaussian(rng);
        }

        VectorMath.NormalizeInPlace(v);
        return v;
    }

    /// <summary>A sample around <paramref name="center"/>: cosine to it is about 1 / sqrt(1 + noise²).</summary>
    public static float[] Near(Random rng, ReadOnlySpan<float> center, float noise)
    {
        var v = new float[center.Length];
        float perEntry = noise / MathF.Sqrt(center.Length);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = center[i] + (perEntry * Gaussian(rng));
        }

        VectorMath.NormalizeInPlace(v);
        return v;
    }

    /// <summary>Float cosine, the number the quantised score estimates.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>The score an index must report for a stored face: the quantised score of the two templates.</summary>
    public static float QuantizedScore(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var ca = new sbyte[a.Length];
        var cb = new sbyte[b.Length];
        float sa = Int8Quantizer.Quantize(a, ca);
        float sb = Int8Quantizer.Quantize(b, cb);
        int dot = 0;
        for (int i = 0; i < ca.Length; i++)
        {
            dot += ca[i] * cb[i];
        }

        return Int8Quantizer.Score(dot, sa, sb);
    }

    private static float Gaussian(Random rng)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm finite.
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
