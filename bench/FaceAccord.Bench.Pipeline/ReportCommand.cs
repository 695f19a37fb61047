using System.CommandLine;
using System.Security.Cryptography;
using FaceAccord.Core;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// <c>report</c>: joins the files one run.sh run left in its work folder (list.txt, human-a/b.json and
/// .stats.json, faceaccord-*.json) into results/latest.json, a printed table with the ratios, and a bar chart.
/// </summary>
public static class ReportCommand
{
    private const double KiBPerMiB = 1024;

    public static Command Create()
    {
        var work = new Option<string>("--work") { Description = "Folder holding one run's raw outputs.", Required = true };
        var outDir = new Option<string>("--out-dir") { Description = "Where latest.json and the chart go.", Required = true };
        var target = new Option<double>("--target") { Description = "FaceAccord/Human throughput ratio to meet.", DefaultValueFactory = _ => 3.0 };
        var cmd = new Command("report", "Compare one run's results, print the ratios, write latest.json and a chart.") { work, outDir, target };
        cmd.SetAction(r =>
        {
            var summary = Build(r.GetValue(work)!, r.GetValue(target));
            string dir = r.GetValue(outDir)!;
            BenchJson.Write(Path.Combine(dir, "latest.json"), summary);
            ThroughputChart.Save(summary, Path.Combine(dir, "latest.png"));
            SummaryTable.Print(summary, Console.Out);
            Console.WriteLine($"wrote {Path.Combine(dir, "latest.json")} and {Path.Combine(dir, "latest.png")}");
            return 0;
        });
        return cmd;
    }

    public static BenchSummary Build(string work, double target)
    {
        string listPath = Path.Combine(work, "list.txt");
        string[] list = [.. File.ReadLines(listPath).Where(l => l.Trim().Length > 0)];
        var human = Human(work, list.Length);
        var faceAccord = Directory.GetFiles(work, "faceaccord-*.json")
            .Select(BenchJson.Read<PipelineRunResult>)
            .OrderBy(f => f.Variant == PipelineRunCommand.DefaultVariant) // the model Human also uses first, the fused default last
            .ThenBy(f => f.Variant, StringComparer.Ordinal)
            .ToList();
        if (faceAccord.Count == 0)
        {
            throw FaceAccordException.NotFound("bench-results-missing", $"No faceaccord-*.json in {work}.");
        }

        if (faceAccord.FirstOrDefault(f => f.Images != list.Length) is { } off)
        {
            throw FaceAccordException.BadInput("bench-results-mismatch", $"FaceAccord variant {off.Variant} timed {off.Images} images; the list has {list.Length}.");
        }

        var ratios = faceAccord.Select(f =>
        {
            double ratio = Math.Round(f.ImagesPerSec / human.ImagesPerSec, 2);
            return new ThroughputRatio(f.Variant, f.ModelId, f.ImagesPerSec, human.ImagesPerSec, ratio, ratio >= target);
        }).ToList();

        return new BenchSummary(
            DateTimeOffset.UtcNow,
            list.Length,
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(listPath))),
            faceAccord[0].CpuModel,
            faceAccord[0].LogicalCores,
            human,
            faceAccord,
            ratios,
            target);
    }

    private static HumanSummary Human(string work, int listCount)
    {
        var runs = new[] { "human-a", "human-b" }.Select(n => (Run: ReadHumanLine(Path.Combine(work, n + ".json")), Stats: BenchJson.Read<NodeProcessStats>(Path.Combine(work, n + ".stats.json")))).ToList();
        int measured = runs.Sum(r => r.Run.NMeasured);
        if (measured != listCount)
        {
            throw FaceAccordException.BadInput("bench-results-mismatch", $"Human timed {measured} images in all; the list has {listCount}.");
        }

        var rss = runs.Select(r => Math.Round(r.Stats.MaxRssKiB / KiBPerMiB, 1)).ToList();
        return new HumanSummary(
            runs[0].Run.Engine,
            runs.Count,
            Math.Round(runs.Sum(r => r.Run.ImagesPerSec), 2),
            [.. runs.Select(r => r.Run.MsMedian)],
            [.. runs.Select(r => r.Run.MsP90)],
            runs.Sum(r => r.Run.WithFace),
            rss,
            Math.Round(rss.Sum(), 1),
            Math.Round(runs.Max(r => r.Stats.UptimeSeconds), 2),
            [.. runs.Select(r => r.Stats.LoadAverageAtStart)],
            runs[0].Run.NodeVersion,
            runs[0].Run.Info);
    }

    /// <summary>bench.js prints its result as the last JSON line; anything the library logged before it is skipped.</summary>
    private static HumanRunResult ReadHumanLine(string path)
    {
        string? line = File.ReadLines(path).LastOrDefault(l => l.TrimStart().StartsWith('{'))
            ?? throw FaceAccordException.BadInput("bench-results-missing", $"{path} holds no result line from bench.js.");
        return System.Text.Json.JsonSerializer.Deserialize<HumanRunResult>(line, BenchJson.Options)
            ?? throw FaceAccordException.BadInput("bench-json-invalid", $"{path} holds no result object.");
    }
}
