using System.Diagnostics;
using FaceAccord.Core;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// Times FaceAccord's whole per-image path (decode the file, detect, pick the central face, embed) over an
/// image list with a fixed number of workers, the way a batch job would run it; the Human harness times the
/// same path per image, so images per second compare directly.
/// </summary>
public static class PipelineBenchmark
{
    private const double MiB = 1024 * 1024;

    public static PipelineRunResult Run(FacePipeline pipeline, IReadOnlyList<string> images, string variant, int workers, int warmup)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw FaceAccordException.BadInput("bench-list-empty", "The image list is empty.");
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };

        // Warm-up: first images of the list, same workers, so JIT, session arenas and thread-pool threads are ready.
        Parallel.For(0, Math.Min(warmup, images.Count), parallel, i => ProcessOne(pipeline, images[i]));

        var ms = new double[images.Count];
        var outcomes = new Outcome[images.Count];
        double? load = MachineLoad.OneMinute();
        long start = Stopwatch.GetTimestamp();
        Parallel.For(0, images.Count, parallel, i =>
        {
            long t0 = Stopwatch.GetTimestamp();
            outcomes[i] = ProcessOne(pipeline, images[i]);
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        });
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        double peak = process.PeakWorkingSet64 / MiB;
        double heap = GC.GetTotalMemory(forceFullCollection: false) / MiB;
        double allocated = GC.GetTotalAllocatedBytes(precise: true) / MiB;
        double wall = (DateTime.Now - process.StartTime).TotalSeconds;

        return new PipelineRunResult(
            Variant: variant,
            ModelId: pipeline.ModelId,
            Dimensions: pipeline.Dimensions,
            FlipAverage: pipeline.Options.FlipAverage ?? pipeline.Pack.Manifest.FlipAverage,
            Provider: ProviderOf(pipeline),
            Workers: workers,
            IntraOpThreads: pipeline.Options.Inference.IntraOpThreads,
            Warmup: warmup,
            Images: images.Count,
            ImagesPerSec: Math.Round(images.Count / seconds, 2),
            MsMedian: Math.Round(LatencyStats.Median(ms), 1),
            MsMean: Math.Round(ms.Average(), 1),
            MsP90: Math.Round(LatencyStats.Percentile(ms, 90), 1),
            ImagesWithFace: outcomes.Count(o => o == Outcome.Embedded),
            DecodeFailures: outcomes.Count(o => o == Outcome.Undecodable),
            PeakWorkingSetMiB: Math.Round(peak, 1),
            GcHeapMiB: Math.Round(heap, 1),
            GcAllocatedMiB: Math.Round(allocated, 1),
            ProcessWallSeconds: Math.Round(wall, 2),
            LoadAverageAtStart: load,
            CpuModel: MachineLoad.CpuModel(),
            LogicalCores: Environment.ProcessorCount,
            Runtime: System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }

    internal static Outcome ProcessOne(FacePipeline pipeline, string path)
    {
        Photo photo;
        try
        {
            photo = pipeline.Load(path);
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
        {
            // Counted, never dropped: an undecodable image still took its share of the time.
            return Outcome.Undecodable;
        }

        var face = FacePipeline.CentralFace(photo, pipeline.Detect(photo));
        if (face is null)
        {
            return Outcome.NoFace;
        }

        _ = pipeline.Embed(photo, face);
        return Outcome.Embedded;
    }

    /// <summary>
    /// The provider the pipeline's sessions got. Sessions are private to the pipeline, so this opens the
    /// (small) detector model once more with the same options; done after the memory reading so it adds nothing to it.
    /// </summary>
    private static string ProviderOf(FacePipeline pipeline)
    {
        string detector = Path.Combine(pipeline.Pack.Directory, pipeline.Pack.Manifest.Detector.File);
        using var session = ModelSession.Open(detector, pipeline.Options.Inference);
        return session.Provider;
    }

    internal enum Outcome
    {
        Embedded,
        NoFace,
        Undecodable,
    }
}
