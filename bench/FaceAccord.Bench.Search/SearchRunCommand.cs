using System.CommandLine;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Search;

namespace FaceAccord.Bench.Search;

/// <summary><c>run</c>: the whole search benchmark at the given sizes; writes the table, JSON and chart.</summary>
public static class SearchRunCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var templates = new Option<string>("--templates") { Description = "JSON Lines from faceaccord embed (image, template).", Required = true };
        var sizes = new Option<int[]>("--sizes") { Description = "Gallery sizes.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [10_000, 100_000, 1_000_000] };
        var queryCount = new Option<int>("--queries") { Description = "Queries per size (other images of enrolled people).", DefaultValueFactory = _ => 500 };
        var outDir = new Option<string>("--out-dir") { Description = "Where search-latest.json and search-latency.png go.", Required = true };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var defaults = new SearchOptions();
        var connectivity = new Option<int>("--connectivity") { DefaultValueFactory = _ => defaults.HnswConnectivity };
        var expansionAdd = new Option<int>("--expansion-add") { DefaultValueFactory = _ => defaults.HnswExpansionAdd };
        var expansionSearch = new Option<int>("--expansion-search") { DefaultValueFactory = _ => defaults.HnswExpansionSearch };
        var sweep = new Option<int[]>("--sweep") { Description = "Extra HNSW search expansions to measure on each built graph.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var baselineSize = new Option<int>("--baseline-size") { Description = "Faces of the float32 baseline (0 skips it).", DefaultValueFactory = _ => 100_000 };

        var cmd = new Command("run", "Time exact and HNSW identification at each gallery size.")
        {
            templates, sizes, queryCount, outDir, seed, connectivity, expansionAdd, expansionSearch, sweep, baselineSize,
        };
        cmd.SetAction(r =>
        {
            var options = new SearchOptions
            {
                HnswConnectivity = r.GetValue(connectivity),
                HnswExpansionAdd = r.GetValue(expansionAdd),
                HnswExpansionSearch = r.GetValue(expansionSearch),
            };
            options.Validate();
            var lfw = LfwTemplates.Load(r.GetValue(templates)!);
            int runSeed = r.GetValue(seed);
            var rng = new Random(runSeed);
            var queries = lfw.Probes.OrderBy(_ => rng.Next()).Take(r.GetValue(queryCount)).ToList();
            if (queries.Count == 0)
            {
                throw FaceAccordException.BadInput("queries-empty", "No query images: every person has a single embedded image.");
            }

            var log = Console.Error;
            log.WriteLine($"{lfw.Gallery.Count} enrolled LFW people, {lfw.Probes.Count} other images ({queries.Count} used as queries), {lfw.Dimensions}-d, model {lfw.Model}");
            var bench = new SearchBenchmark(lfw, queries, options, runSeed, log);
            var started = DateTimeOffset.UtcNow;
            string loadAtStart = MachineLoad.Now();
            var results = r.GetValue(sizes)!.Select(size => bench.Run(size, r.GetValue(sweep)!)).ToList();
            int baseSize = r.GetValue(baselineSize);
            var baseline = baseSize > 0 ? Float32Baseline.Run(bench, baseSize, lfw.Dimensions, queries.Take(30).ToList(), log) : null;

            using var probe = new HnswTemplateIndex(lfw.Dimensions, options);
            var summary = new SearchBenchSummary(
                started,
                MachineName(),
                Environment.ProcessorCount,
                Int8Dot.BestPath,
                probe.HardwareAcceleration,
                lfw.Model,
                lfw.Dimensions,
                lfw.Gallery.Count,
                queries.Count,
                SearchBenchmark.Top,
                runSeed,
                new HnswSettings(options.HnswConnectivity, options.HnswExpansionAdd, options.HnswExpansionSearch),
                results,
                baseline,
                loadAtStart,
                MachineLoad.Now());

            string dir = r.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "search-latest.json"), JsonSerializer.Serialize(summary, Json) + "\n");
            LatencyChart.Save(summary, Path.Combine(dir, "search-latency.png"));
            Console.Out.Write(ResultTable.Render(summary));
            return 0;
        });
        return cmd;
    }

    private static string MachineName()
    {
        try
        {
            string? model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return model is null ? Environment.MachineName : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return Environment.MachineName;
        }
    }
}
