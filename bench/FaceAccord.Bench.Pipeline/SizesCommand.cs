using System.CommandLine;
using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Models.Runtime;
using FaceAccord.Packs.Installation;
using FaceAccord.Vision;

namespace FaceAccord.Bench.Pipeline;

/// <summary><c>sizes</c>: throughput and cost per image at 250², 1350² and 12 MP in one process (bench/pipeline/sizes.sh).</summary>
public static class SizesCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "People, each at all three sizes.", DefaultValueFactory = _ => 30 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds over the three sizes; figures are medians over rounds.", DefaultValueFactory = _ => 3 };
        var workers = new Option<int>("--workers") { Description = "Images processed side by side (one per core).", DefaultValueFactory = _ => 2 };
        var warmup = new Option<int>("--warmup") { Description = "Images of each size run before timing starts.", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "JSON file to write.", Required = true };
        var data = PackCommand.DataOption();
        var cmd = new Command("sizes", "Time the face pipeline on the same people at 250x250, 1350x1350 and 4032x3024.") { count, rounds, workers, warmup, output, data };
        cmd.SetAction(async (r, ct) =>
        {
            if (r.GetValue(count) < 1 || r.GetValue(rounds) < 1 || r.GetValue(workers) < 1 || r.GetValue(warmup) < 0)
            {
                throw FaceAccordException.BadInput("bench-option-invalid", "--count, --rounds and --workers must be at least 1, --warmup at least 0.");
            }

            var pack = await PackInstaller.EnsureDefaultAsync(DataDirectory.Resolve(r.GetValue(data)), cancellationToken: ct).ConfigureAwait(false);
            var pipeline = FacePipeline.Open(pack, new PipelineOptions { Inference = new InferenceOptions { IntraOpThreads = 1 } });
            var set = PhotoSizeSet.Make(pipeline, r.GetValue(count));
            var summary = SizesBenchmark.Run(pipeline, set, r.GetValue(workers), r.GetValue(rounds), r.GetValue(warmup));
            BenchJson.Write(r.GetValue(output)!, summary);
            Print(summary, Console.Out);
            return 0;
        });
        return cmd;
    }

    public static void Print(SizesSummary s, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{s.Images} people at three sizes, {s.Workers} workers, {s.IntraOpThreads} intra-op thread(s), {s.LogicalCores} logical cores, {s.CpuModel}"));
        output.WriteLine(string.Create(inv, $"{"size",-10} {"MP",6} {"img/s",7} {"ms med",7} {"ms p90",7} {"one face",9} {"cost ×250²",11}"));
        foreach (var m in s.Medians)
        {
            double ratio = m.Size switch { "1350x1350" => s.PortraitCostRatio, "4032x3024" => s.PhoneCostRatio, _ => 1 };
            output.WriteLine(string.Create(inv, $"{m.Size,-10} {m.MegapixelsPerImage,6:F2} {m.ImagesPerSec,7:F2} {m.MsMedian,7:F1} {m.MsP90,7:F1} {m.ImagesWithOneFace,5}/{m.Images,-3} {ratio,11:F2}"));
        }

        output.WriteLine(string.Create(inv, $"phone copy vs portrait template cosine: min {s.PhoneCopyCosineMin:F4}, median {s.PhoneCopyCosineMedian:F4}"));
        output.WriteLine(string.Create(inv, $"load average at start: {s.LoadAverageAtStart?.ToString("F1", inv) ?? "?"}"));
    }
}
