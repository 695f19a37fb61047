namespace FaceAccord.Bench.Pipeline;

/// <summary>What one FaceAccord benchmark process measured, written as JSON for the report step to compare with Human.</summary>
/// <param name="Variant">"default" (the pack's fused embedders) or the embedder ids joined by '+'.</param>
/// <param name="ModelId">The template space the pipeline produced: pack id plus embedders.</param>
/// <param name="FlipAverage">Whether each face was also embedded mirrored (twice the embedder work); Human never does.</param>
/// <param name="Provider">The ONNX Runtime execution provider the sessions actually run on.</param>
/// <param name="MsMedian">Median wall time of one image (decode, detect, central face, embed), workers running side by side.</param>
/// <param name="ImagesWithFace">Images whose central face was found and embedded.</param>
/// <param name="PeakWorkingSetMiB">The process's peak resident memory over its whole life.</param>
/// <param name="GcHeapMiB">Managed heap in use after the run (ONNX Runtime and Skia memory is outside it).</param>
/// <param name="GcAllocatedMiB">Managed bytes allocated over the whole process: the pressure the hot path puts on the GC.</param>
/// <param name="ProcessWallSeconds">From process start to the end of the run: runtime start, model load, warm-up and run.</param>
/// <param name="LoadAverageAtStart">One-minute load average just before the timed run; high means shared cores.</param>
public sealed record PipelineRunResult(
    string Variant,
    string ModelId,
    int Dimensions,
    bool FlipAverage,
    string Provider,
    int Workers,
    int IntraOpThreads,
    int Warmup,
    int Images,
    double ImagesPerSec,
    double MsMedian,
    double MsMean,
    double MsP90,
    int ImagesWithFace,
    int DecodeFailures,
    double PeakWorkingSetMiB,
    double GcHeapMiB,
    double GcAllocatedMiB,
    double ProcessWallSeconds,
    double? LoadAverageAtStart,
    string CpuModel,
    int LogicalCores,
    string Runtime);
