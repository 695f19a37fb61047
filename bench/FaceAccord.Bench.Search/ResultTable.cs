using System.Globalization;

namespace FaceAccord.Bench.Search;

/// <summary>The run as a plain-text table for stdout and the README.</summary>
public static class ResultTable
{
    public static string Render(SearchBenchSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"{s.Machine}, {s.LogicalCores} cores, int8 path {s.Int8Path}, USearch kernel {s.UsearchKernel}"),
            string.Create(c, $"{s.Dimensions}-d templates ({s.Model}); {s.RealGalleryFaces} real LFW faces in each gallery, the rest random; {s.Queries} queries (other images of enrolled people), top {s.Top}"),
            string.Create(c, $"load average (1, 5, 15 min) at start {s.LoadAverageAtStart}, at end {s.LoadAverageAtEnd}; per size in the JSON"),
            string.Create(c, $"HNSW: connectivity {s.Hnsw.Connectivity}, expansion add {s.Hnsw.ExpansionAdd}, search {s.Hnsw.ExpansionSearch}; int8 cosine, candidates re-scored exactly"),
            "",
            "| faces | index | build s (CPU s) | p50 ms | p99 ms | GB/s p50 | GB/s p99 | bytes/template | recall@1 vs exact | rank-1 |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in s.Sizes)
        {
            lines.Add(string.Create(c, $"| {r.Size:N0} | exact | {r.Exact.BuildSeconds:F1} ({r.Exact.BuildCpuSeconds:F0}) | {r.Exact.P50Ms:F3} | {r.Exact.P99Ms:F3} | {r.ExactGBPerSecondP50:F1} | {r.ExactGBPerSecondP99:F1} | {r.Exact.BytesPerTemplate:F0} | 100% | {r.Exact.Rank1Accuracy:P2} |"));
            lines.Add(string.Create(c, $"| {r.Size:N0} | HNSW | {r.Hnsw.BuildSeconds:F1} ({r.Hnsw.BuildCpuSeconds:F0}) | {r.Hnsw.P50Ms:F3} | {r.Hnsw.P99Ms:F3} | | | {r.Hnsw.BytesPerTemplate:F0} | {r.HnswRecallAt1:P2} | {r.Hnsw.Rank1Accuracy:P2} |"));
        }

        if (s.Sizes.Any(r => r.ExpansionSweep.Count > 0))
        {
            lines.Add("");
            lines.Add("| faces | HNSW expansion search | recall@1 vs exact | p50 ms | p99 ms |");
            lines.Add("|---:|---:|---:|---:|---:|");
            foreach (var r in s.Sizes)
            {
                lines.AddRange(r.ExpansionSweep.Select(p => string.Create(c, $"| {r.Size:N0} | {p.ExpansionSearch} | {p.RecallAt1:P2} | {p.P50Ms:F3} | {p.P99Ms:F3} |")));
            }
        }

        if (s.Baseline is { } b)
        {
            lines.Add("");
            lines.Add(string.Create(c, $"Baseline at {b.Size:N0} faces (median of {b.Queries} top-1 scans): float32 scalar loop {b.Float32ScalarMs:F2} ms, float32 SIMD {b.Float32SimdMs:F2} ms, int8 SIMD 1 core {b.Int8OneCoreMs:F2} ms ({b.SpeedupInt8OneCoreVsScalar:F1}x), int8 SIMD all cores {b.Int8AllCoresMs:F2} ms ({b.SpeedupInt8AllCoresVsScalar:F1}x)"));
        }

        return string.Join('\n', lines) + "\n";
    }
}
