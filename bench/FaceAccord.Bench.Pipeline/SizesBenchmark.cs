using System.Diagnostics;
using FaceAccord.Core;
using FaceAccord.Vision;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// Times the whole per-image path (decode from bytes, detect, prominent face, embed) at three photo sizes in one
/// process, in rounds that take the sizes in turn, so drift of a shared machine falls on all sizes alike and each
/// cost ratio is a ratio within one round.
/// </summary>
public static class SizesBenchmark
{
    public static SizesSummary Run(FacePipeline pipeline, PhotoSizeSet set, int workers, int rounds, int warmup)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(set);
        if (set.Lfw.Count == 0)
        {
            throw FaceAccordException.BadInput("bench-list-empty", "No held-out single-person LFW images were found.");
        }

        var sizes = new (string Name, IReadOnlyList<byte[]> Images, double Megapixels)[]
        {
            ("250x250", set.Lfw, 250 * 250 / 1e6),
            ("1350x1350", set.Portraits, 1350 * 1350 / 1e6),
            ("4032x3024", set.Phones, 4032 * 3024 / 1e6),
        };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        foreach (var (_, images, _) in sizes)
        {
            Parallel.For(0, Math.Min(warmup, images.Count), parallel, i => ProcessOne(pipeline, images[i]));
        }

        double? load = MachineLoad.OneMinute();
        var results = new List<SizeRunResult>();
        for (int round = 0; round < rounds; round++)
        {
            foreach (var (name, images, megapixels) in sizes)
            {
                var ms = new double[images.Count];
                var faces = new int[images.Count];
                long start = Stopwatch.GetTimestamp();
                Parallel.For(0, images.Count, parallel, i =>
                {
                    long t0 = Stopwatch.GetTimestamp();
                    faces[i] = ProcessOne(pipeline, images[i]).Faces;
                    ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                });
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                results.Add(new SizeRunResult(name, round, images.Count, Math.Round(images.Count / seconds, 2),
                    Math.Round(LatencyStats.Median(ms), 1), Math.Round(LatencyStats.Percentile(ms, 90), 1), faces.Count(f => f == 1), megapixels));
            }
        }

        var medians = sizes.Select(s =>
        {
            var r = results.Where(x => x.Size == s.Name).ToList();
            return r[0] with
            {
                Round = -1,
                ImagesPerSec = Math.Round(LatencyStats.Median([.. r.Select(x => x.ImagesPerSec)]), 2),
                MsMedian = Math.Round(LatencyStats.Median([.. r.Select(x => x.MsMedian)]), 1),
                MsP90 = Math.Round(LatencyStats.Median([.. r.Select(x => x.MsP90)]), 1),
                ImagesWithOneFace = r.Min(x => x.ImagesWithOneFace),
            };
        }).ToList();

        double Ratio(string size) => Math.Round(LatencyStats.Median([.. Enumerable.Range(0, rounds).Select(round =>
            results.Single(x => x.Round == round && x.Size == size).MsMedian / results.Single(x => x.Round == round && x.Size == sizes[0].Name).MsMedian)]), 2);

        var cosines = Enumerable.Range(0, set.Portraits.Count)
            .Select(i => (A: ProcessOne(pipeline, set.Portraits[i]).Template, B: ProcessOne(pipeline, set.Phones[i]).Template))
            .Where(p => p.A is not null && p.B is not null)
            .Select(p => (double)p.A!.Similarity(p.B!))
            .ToList();

        return new SizesSummary(
            DateTimeOffset.UtcNow,
            pipeline.ModelId,
            workers,
            pipeline.Options.Inference.IntraOpThreads,
            set.Lfw.Count,
            results,
            medians,
            Ratio(sizes[1].Name),
            Ratio(sizes[2].Name),
            cosines.Count > 0 ? Math.Round(cosines.Min(), 4) : double.NaN,
            cosines.Count > 0 ? Math.Round(LatencyStats.Median(cosines), 4) : double.NaN,
            load,
            MachineLoad.CpuModel(),
            Environment.ProcessorCount);
    }

    private static (int Faces, FaceTemplate? Template) ProcessOne(FacePipeline pipeline, byte[] bytes)
    {
        var photo = pipeline.Load(bytes);
        var faces = pipeline.Detect(photo);
        return ProminentFace.Of(faces) is { } face ? (faces.Count, pipeline.Embed(photo, face)) : (0, null);
    }
}
