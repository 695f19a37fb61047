namespace FaceAccord.Bench.Search;

/// <summary>Everything one run measured, with how it was made, so a number in the README can be traced to its run.</summary>
public sealed record SearchBenchSummary(
    DateTimeOffset StartedAt,
    string Machine,
    int LogicalCores,
    string Int8Path,
    string UsearchKernel,
    string Model,
    int Dimensions,
    int RealGalleryFaces,
    int Queries,
    int Top,
    int Seed,
    HnswSettings Hnsw,
    IReadOnlyList<SizeResult> Sizes,
    BaselineResult? Baseline,
    string LoadAverageAtStart,
    string LoadAverageAtEnd);

/// <summary>The graph settings of the run.</summary>
public sealed record HnswSettings(int Connectivity, int ExpansionAdd, int ExpansionSearch);

/// <summary>One gallery size: both indexes on the same faces and queries.</summary>
public sealed record SizeResult(
    int Size,
    string LoadAverage,
    IndexResult Exact,
    IndexResult Hnsw,
    double HnswRecallAt1,
    double ExactGBPerSecondP50,
    double ExactGBPerSecondP99,
    IReadOnlyList<ExpansionPoint> ExpansionSweep);

/// <summary>One index at one size.</summary>
public sealed record IndexResult(
    string Kind,
    double BuildSeconds,
    double BuildCpuSeconds,
    double P50Ms,
    double P99Ms,
    double MeanMs,
    double BytesPerTemplate,
    double Rank1Accuracy);

/// <summary>HNSW recall and latency at one search expansion, on the graph built for the size.</summary>
public sealed record ExpansionPoint(int ExpansionSearch, double RecallAt1, double P50Ms, double P99Ms);

/// <summary>The same 100k gallery scanned by a plain float32 loop, float32 SIMD, and the int8 index on one core and on all.</summary>
public sealed record BaselineResult(
    int Size,
    int Queries,
    double Float32ScalarMs,
    double Float32SimdMs,
    double Int8OneCoreMs,
    double Int8AllCoresMs,
    double SpeedupInt8OneCoreVsScalar,
    double SpeedupInt8AllCoresVsScalar);
