using System.Diagnostics;
using FaceAccord.Search;

namespace FaceAccord.Bench.Search;

/// <summary>
/// Builds, at each size, an exact and an HNSW index over the same gallery (real LFW templates spread evenly through
/// random unit vectors) and times single identifications (top 5, one query at a time) of other images of the
/// enrolled people. HNSW is scored against the exact scan (recall@1) and both against the truth (rank-1).
/// </summary>
public sealed class SearchBenchmark(LfwTemplates lfw, IReadOnlyList<LfwTemplates.Probe> queries, SearchOptions options, int seed, TextWriter log)
{
    public const int Top = 5;
    private const int Warmup = 5;
    private const int BatchSize = 16_384;
    private const long SyntheticSubjectBase = 1L << 40;

    public SizeResult Run(int size, IReadOnlyList<int> sweep)
    {
        int dims = lfw.Dimensions;
        log.WriteLine($"== {size:N0} faces (load {MachineLoad.Now()})");

        IndexResult exactResult;
        long[] exactTop1;
        using (var exact = new ExactTemplateIndex(dims))
        {
            var build = Fill(size, (keys, subjects, vectors) =>
            {
                for (int i = 0; i < keys.Length; i++)
                {
                    exact.Add(keys[i], subjects[i], vectors.AsSpan(i * dims, dims));
                }
            });
            (exactResult, exactTop1) = Measure("exact", exact, build, size);
        }

        Collect();
        using var hnsw = new HnswTemplateIndex(dims, options);
        var hnswBuild = Fill(size, (keys, subjects, vectors) => hnsw.AddRange(keys, subjects, vectors));
        var (hnswResult, hnswTop1) = Measure("hnsw", hnsw, hnswBuild, size);
        double recall = Agreement(exactTop1, hnswTop1);

        var points = new List<ExpansionPoint>();
        foreach (int ef in sweep)
        {
            hnsw.ExpansionSearch = ef;
            var latencies = new List<double>();
            var top1 = Search(hnsw, latencies);
            points.Add(new ExpansionPoint(ef, Agreement(exactTop1, top1), LatencyStats.Percentile(latencies, 50), LatencyStats.Percentile(latencies, 99)));
            log.WriteLine($"   hnsw ef={ef}: recall@1 {points[^1].RecallAt1:P2}, p50 {points[^1].P50Ms:F3} ms, p99 {points[^1].P99Ms:F3} ms");
        }

        hnsw.ExpansionSearch = options.HnswExpansionSearch;
        double bytes = (double)size * dims;
        return new SizeResult(
            size,
            MachineLoad.Now(),
            exactResult,
            hnswResult,
            recall,
            bytes / (exactResult.P50Ms * 1e6),
            bytes / (exactResult.P99Ms * 1e6),
            points);
    }

    /// <summary>Face key, subject key and vector of gallery position <paramref name="position"/> in a gallery of <paramref name="size"/>.</summary>
    public (long Subject, bool Real) Describe(int size, int position, Span<float> vector)
    {
        int real = Math.Min(lfw.Gallery.Count, size);
        // Real faces sit at evenly spaced positions, as if enrolled over the gallery's life among the others.
        long j = (((long)position * real) + size - 1) / size;
        if (j < real && j * size / real == position)
        {
            var enrolled = lfw.Gallery[(int)j];
            enrolled.Template.CopyTo(vector);
            return (enrolled.Subject, true);
        }

        SyntheticTemplates.Fill(seed, position, vector);
        return (SyntheticSubjectBase + position, false);
    }

    /// <summary>Adds the gallery in batches; returns the wall and process CPU seconds of the adds alone (not of making vectors).</summary>
    private (double Wall, double Cpu) Fill(int size, Action<long[], long[], float[]> add)
    {
        int dims = lfw.Dimensions;
        long spent = 0;
        var cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        var vectors = new float[BatchSize * dims];
        for (int start = 0; start < size; start += BatchSize)
        {
            int n = Math.Min(BatchSize, size - start);
            var keys = new long[n];
            var subjects = new long[n];
            Parallel.For(0, n, i =>
            {
                keys[i] = start + i;
                subjects[i] = Describe(size, start + i, vectors.AsSpan(i * dims, dims)).Subject;
            });
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            add(keys, subjects, n == BatchSize ? vectors : vectors[..(n * dims)]);
            spent += Stopwatch.GetTimestamp() - t0;
            process.Refresh();
            cpu += process.TotalProcessorTime - cpu0;
        }

        return (spent / (double)Stopwatch.Frequency, cpu.TotalSeconds);
    }

    private (IndexResult Result, long[] Top1) Measure(string kind, ITemplateIndex index, (double Wall, double Cpu) build, int size)
    {
        var latencies = new List<double>(queries.Count);
        var top1 = Search(index, latencies);
        double rank1 = queries.Select((q, i) => q.Subject == top1[i] ? 1.0 : 0.0).Average();
        var result = new IndexResult(
            kind,
            build.Wall,
            build.Cpu,
            LatencyStats.Percentile(latencies, 50),
            LatencyStats.Percentile(latencies, 99),
            latencies.Average(),
            index.MemoryBytes / (double)size,
            rank1);
        log.WriteLine($"   {kind}: build {build.Wall:F1} s ({build.Cpu:F0} CPU s), p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms, {result.BytesPerTemplate:F0} B/template, rank-1 {rank1:P2}");
        return (result, top1);
    }

    private long[] Search(ITemplateIndex index, List<double> latencies)
    {
        for (int w = 0; w < Warmup; w++)
        {
            index.Search(queries[w % queries.Count].Template, Top, -1f);
        }

        var top1 = new long[queries.Count];
        for (int i = 0; i < queries.Count; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var hits = index.Search(queries[i].Template, Top, -1f);
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            top1[i] = hits.Count > 0 ? hits[0].SubjectKey : long.MinValue;
        }

        return top1;
    }

    private static double Agreement(long[] expected, long[] found) =>
        expected.Select((e, i) => e == found[i] ? 1.0 : 0.0).Average();

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
