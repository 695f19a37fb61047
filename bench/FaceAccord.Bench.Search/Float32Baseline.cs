using System.Diagnostics;
using System.Numerics.Tensors;
using FaceAccord.Search;

namespace FaceAccord.Bench.Search;

/// <summary>
/// What the int8 SIMD scan is measured against, in the same process on the same gallery: the plain float32 loop a
/// first implementation would write (one core), the same with SIMD float dot products, and the int8 index on one
/// core and on all cores. Each reports the median of single top-1 scans.
/// </summary>
public static class Float32Baseline
{
    public static BaselineResult Run(SearchBenchmark bench, int size, int dims, IReadOnlyList<LfwTemplates.Probe> queries, TextWriter log)
    {
        log.WriteLine($"== baseline: {size:N0} faces, float32 scalar loop vs int8 SIMD");
        var matrix = new float[(long)size * dims];
        using var oneCore = new ExactTemplateIndex(dims, parallelMinRows: int.MaxValue);
        using var allCores = new ExactTemplateIndex(dims);
        var subjects = new long[size];
        Parallel.For(0, size, i => subjects[i] = bench.Describe(size, i, matrix.AsSpan(i * dims, dims)).Subject);
        for (int i = 0; i < size; i++)
        {
            oneCore.Add(i, subjects[i], matrix.AsSpan(i * dims, dims));
            allCores.Add(i, subjects[i], matrix.AsSpan(i * dims, dims));
        }

        double scalar = Median(queries, q => ScalarBest(matrix, dims, q));
        double simd = Median(queries, q => SimdBest(matrix, dims, q));
        double int8One = Median(queries, q => oneCore.Search(q, 1, -1f));
        double int8All = Median(queries, q => allCores.Search(q, 1, -1f));
        var result = new BaselineResult(size, queries.Count, scalar, simd, int8One, int8All, scalar / int8One, scalar / int8All);
        log.WriteLine($"   float32 scalar {scalar:F2} ms, float32 SIMD {simd:F2} ms, int8 1 core {int8One:F2} ms, int8 {Environment.ProcessorCount} cores {int8All:F2} ms");
        return result;
    }

    private static int ScalarBest(float[] matrix, int dims, float[] query)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        int rows = matrix.Length / dims;
        for (int r = 0; r < rows; r++)
        {
            float dot = 0;
            int offset = r * dims;
            for (int i = 0; i < dims; i++)
            {
                dot += matrix[offset + i] * query[i];
            }

            if (dot > bestScore)
            {
                bestScore = dot;
                best = r;
            }
        }

        return best;
    }

    private static int SimdBest(float[] matrix, int dims, float[] query)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        int rows = matrix.Length / dims;
        for (int r = 0; r < rows; r++)
        {
            float dot = TensorPrimitives.Dot(matrix.AsSpan(r * dims, dims), query);
            if (dot > bestScore)
            {
                bestScore = dot;
                best = r;
            }
        }

        return best;
    }

    private static double Median<T>(IReadOnlyList<LfwTemplates.Probe> queries, Func<float[], T> scan)
    {
        scan(queries[0].Template);
        var times = new List<double>(queries.Count);
        foreach (var q in queries)
        {
            long t0 = Stopwatch.GetTimestamp();
            GC.KeepAlive(scan(q.Template));
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return LatencyStats.Percentile(times, 50);
    }
}
