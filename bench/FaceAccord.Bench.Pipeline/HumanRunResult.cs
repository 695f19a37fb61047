namespace FaceAccord.Bench.Pipeline;

/// <summary>The line the peer harness's <c>bench.js</c> prints for one process (fields we compare; others are ignored).</summary>
public sealed record HumanRunResult(
    string Engine,
    HumanEngineInfo? Info,
    string? CpuModel,
    string? NodeVersion,
    int NWarm,
    int NMeasured,
    double ImagesPerSec,
    double MsMedian,
    double MsP90,
    int WithFace,
    int TensorLeak);

/// <summary>How the peer library was configured, kept so a ratio can be traced to the exact backend (WASM, SIMD, one thread).</summary>
public sealed record HumanEngineInfo(string? Library, string? Version, string? Tfjs, string? Backend, bool? Simd, bool? Multithread, string? Pipeline);
