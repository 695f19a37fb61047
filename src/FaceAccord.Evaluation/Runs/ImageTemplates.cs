using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Vision;

namespace FaceAccord.Evaluation.Runs;

/// <summary>
/// Templates of the central face of many images, computed in parallel (one image per core; each model
/// run single-threaded, which is faster than one image at a time with threaded kernels on small inputs).
/// An image without a face, or one that cannot be decoded, maps to null and is counted, never dropped.
/// </summary>
public static class ImageTemplates
{
    public static IReadOnlyDictionary<string, FaceTemplate?> Compute(
        FacePipeline pipeline,
        IReadOnlyCollection<string> paths,
        Action<int, int>? progress = null,
        int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(paths);
        var result = new ConcurrentDictionary<string, FaceTemplate?>(StringComparer.Ordinal);
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.ForEach(paths.Distinct(StringComparer.Ordinal), options, path =>
        {
            result[path] = CentralTemplate(pipeline, path);
            int n = Interlocked.Increment(ref done);
            progress?.Invoke(n, paths.Count);
        });
        return result;
    }

    /// <summary>The template of the face nearest the image centre, or null when there is none.</summary>
    public static FaceTemplate? CentralTemplate(FacePipeline pipeline, string path)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        RgbImage image;
        try
        {
            image = pipeline.Decode(path);
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
        {
            return null;
        }

        var face = FacePipeline.CentralFace(image, pipeline.Detect(image));
        return face is null ? null : pipeline.Embed(image, face);
    }
}
