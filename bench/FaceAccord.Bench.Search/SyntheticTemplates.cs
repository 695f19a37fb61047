using FaceAccord.Core;

namespace FaceAccord.Bench.Search;

/// <summary>
/// Filler faces: random unit vectors (normal entries, normalised, so uniform on the sphere), each its own subject.
/// Vector <c>i</c> depends only on the seed and <c>i</c>, so the exact and HNSW galleries hold the same faces without
/// keeping a million floats vectors in memory.
/// </summary>
public static class SyntheticTemplates
{
    public static void Fill(int seed, long index, Span<float> vector)
    {
        var rng = new Random(Mix(seed, index));
        for (int i = 0; i < vector.Length; i += 2)
        {
            // Box–Muller gives two normals per pair of uniforms.
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
            double angle = 2.0 * Math.PI * rng.NextDouble();
            vector[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < vector.Length)
            {
                vector[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }

        VectorMath.NormalizeInPlace(vector);
    }

    // SplitMix64 finaliser: a fixed mixing (HashCode.Combine is seeded per process, so runs would differ).
    private static int Mix(int seed, long index)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ (ulong)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
