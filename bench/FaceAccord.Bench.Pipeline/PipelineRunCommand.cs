using System.CommandLine;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Models.Runtime;
using FaceAccord.Packs.Installation;
using FaceAccord.Vision;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// <c>run</c>: one measuring process. Each variant runs in its own process so its peak memory is its own
/// and nothing warmed by one variant helps the next.
/// </summary>
public static class PipelineRunCommand
{
    /// <summary>The variant name meaning "the pack's own choice of embedders" (the fused default).</summary>
    public const string DefaultVariant = "default";

    public static Command Create()
    {
        var list = new Option<string>("--list") { Description = "Image list, one path a line (as written by 'list').", Required = true };
        var embedders = new Option<string>("--embedders")
        {
            Description = $"'{DefaultVariant}' for the pack's fused embedders, or embedder ids joined by ',' (e.g. faceres).",
            DefaultValueFactory = _ => DefaultVariant,
        };
        var workers = new Option<int>("--workers") { Description = "Images processed side by side (one per core).", DefaultValueFactory = _ => 2 };
        var warmup = new Option<int>("--warmup") { Description = "Images run before timing starts.", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--out") { Description = "JSON file to write.", Required = true };
        var data = PackCommand.DataOption();
        var cmd = new Command("run", "Time the face pipeline over an image list.") { list, embedders, workers, warmup, output, data };
        cmd.SetAction(async (r, ct) =>
        {
            if (r.GetValue(workers) < 1 || r.GetValue(warmup) < 0)
            {
                throw FaceAccordException.BadInput("bench-option-invalid", "--workers must be at least 1 and --warmup at least 0.");
            }

            var images = ReadList(r.GetValue(list)!);
            string variant = r.GetValue(embedders)!.Trim();
            var options = new PipelineOptions
            {
                // One thread per model run and one image per worker: the layout that uses 2 cores best on small images.
                Inference = new InferenceOptions { IntraOpThreads = 1 },
                Embedders = variant == DefaultVariant ? null : variant.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var pack = await PackInstaller.EnsureDefaultAsync(DataDirectory.Resolve(r.GetValue(data)), cancellationToken: ct).ConfigureAwait(false);
            var pipeline = FacePipeline.Open(pack, options);
            var result = PipelineBenchmark.Run(pipeline, images, variant, r.GetValue(workers), r.GetValue(warmup));
            BenchJson.Write(r.GetValue(output)!, result);
            Console.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
            return 0;
        });
        return cmd;
    }

    private static string[] ReadList(string path)
    {
        if (!File.Exists(path))
        {
            throw FaceAccordException.NotFound("bench-list-missing", $"The image list {path} does not exist.");
        }

        return [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)];
    }
}
