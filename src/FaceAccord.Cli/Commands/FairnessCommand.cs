using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Evaluation.Calibration;
using FaceAccord.Evaluation.Fairness.Audit;
using FaceAccord.Evaluation.Packs;
using FaceAccord.Evaluation.Runs;
using FaceAccord.Vision;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord fairness</c>: a demographic audit of the default pipeline on a labelled manifest, and manifest builders.</summary>
public static class FairnessCommand
{
    private static readonly JsonSerializerOptions FileJson = new(CliOutput.Json) { WriteIndented = true };

    public static Command Create(CliOutput output)
    {
        var manifest = new Option<string?>("--manifest") { Description = "CSV file: image,subject,<group columns> (relative paths from its folder)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for fairness.json, fairness.html and the charts." };
        var fmr = new Option<double>("--fmr") { Description = "Target FMR whose calibrated worst-group threshold is audited.", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed of impostor sampling and the bootstrap.", DefaultValueFactory = _ => 0 };
        var cap = new Option<int>("--max-impostors-per-group") { Description = "Cap on sampled impostor pairs per group.", DefaultValueFactory = _ => 100_000 };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var provider = CommonOptions.Provider();
        var fairness = new Command("fairness", "Per-group FMR and FNMR at the calibrated threshold, with intervals and summary measures.")
        {
            manifest, outDir, fmr, seed, cap, json, data, provider,
        };
        fairness.SetAction(async (r, ct) =>
        {
            string manifestPath = r.GetValue(manifest) ?? throw FaceAccordException.BadInput("manifest-required", "--manifest is required.");
            string dir = r.GetValue(outDir) ?? throw FaceAccordException.BadInput("out-required", "--out is required.");
            double target = r.GetValue(fmr);
            if (!(target > 0 && target < 1))
            {
                throw FaceAccordException.BadInput("fmr-invalid", "--fmr must be between 0 and 1, e.g. 1e-3.");
            }

            if (r.GetValue(cap) < 1)
            {
                throw FaceAccordException.BadInput("cap-invalid", "--max-impostors-per-group must be at least 1.");
            }

            var audit = AuditManifest.Load(manifestPath);
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.DataDirectory(r, data),
                new PipelineOptions { Inference = new Models.Runtime.InferenceOptions { Provider = r.GetValue(provider), IntraOpThreads = 1 } }, ct).ConfigureAwait(false);
            double threshold = PackCalibration.Load(pipeline).ThresholdFor(target, CalibrationMode.WorstGroup);
            string[] paths = [.. audit.Entries.Select(e => e.Image)];
            var templates = await output.WithProgressAsync("Embedding images", report =>
                Task.Run(() => ImageTemplates.Compute(pipeline, paths, (done, total) => report($"Embedding images ({done}/{total})", done / (double)total)), ct)).ConfigureAwait(false);
            var outcome = await Task.Run(() => FairnessAudit.Run(audit, templates, pipeline.ModelId, target, threshold,
                new FairnessAuditOptions { Seed = r.GetValue(seed), MaxImpostorsPerGroup = r.GetValue(cap) }), ct).ConfigureAwait(false);

            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "fairness.json"),
                JsonSerializer.Serialize(outcome.Report, FileJson), ct).ConfigureAwait(false);
            FairnessHtmlReport.Write(dir, outcome);
            if (r.GetValue(json))
            {
                output.WriteJson(outcome.Report);
            }
            else
            {
                WriteTable(output.Out, outcome.Report);
            }

            return CliApp.Ok;
        });
        fairness.Subcommands.Add(ManifestCommand(output));
        return fairness;
    }

    private static Command ManifestCommand(CliOutput output)
    {
        var images = new Option<string>("--images") { Description = "UTKFace image folder (labels in the file names).", Required = true };
        var file = new Option<string>("--out") { Description = "Manifest CSV to write.", Required = true };
        var utk = new Command("utkface", "Manifest with columns image,subject,race,gender; each file its own subject, byte-identical copies left out.") { images, file };
        utk.SetAction(r =>
        {
            var result = UtkFaceManifest.Write(r.GetValue(images)!, r.GetValue(file)!);
            output.Out.WriteLine($"Wrote {result.Images} images to {r.GetValue(file)} ({result.SkippedNames} files without a UTKFace name, {result.DuplicateCopies} byte-identical copies left out).");
            return CliApp.Ok;
        });
        var manifest = new Command("manifest", "Build an audit manifest from a labelled data set.");
        manifest.Subcommands.Add(utk);
        return manifest;
    }

    private static void WriteTable(TextWriter w, FairnessAuditReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(inv, $"{report.Model}: threshold {report.Threshold:0.0000} (worst-group, FMR {report.TargetFmr:G3}); {report.Images} images, {report.ImagesWithoutFace} without a face"));
        var b = report.Breakdowns[0];
        w.WriteLine(string.Create(inv, $"{"group",-36} {"impostors",10} {"FMR",9} {"95% interval",22} {"genuine",8} {"FNMR",8}"));
        foreach (var g in b.Groups)
        {
            string fmr = g.Fmr is { } f ? f.ToString("0.00000", inv) : "-";
            string ci = g.FmrLower is { } lo && g.FmrUpper is { } hi ? string.Create(inv, $"[{lo:0.00000}, {hi:0.00000}]") : "-";
            string fnmr = g.Fnmr is { } n ? n.ToString("0.0000", inv) : "-";
            w.WriteLine(string.Create(inv, $"{g.Group,-36} {g.ImpostorPairs,10} {fmr,9} {ci,22} {g.GenuinePairs,8} {fnmr,8}"));
        }

        if (b.Summary is { } s)
        {
            w.WriteLine(string.Create(inv, $"FDR {s.Fdr:0.0000}, GARBE {s.Garbe:0.0000}, Gini FMR {s.GiniFmr:0.0000}, FMR max/min {(s.FmrMaxMinRatio is { } m ? m.ToString("0.00", inv) : "unbounded")}"));
        }
        else if (b.FmrDifferentials is { } d)
        {
            w.WriteLine(string.Create(inv, $"FMR max/min {(d.FmrMaxMinRatio is { } m ? m.ToString("0.00", inv) : "unbounded")}, Gini FMR {d.GiniFmr:0.0000}, FMR max-min {d.FmrMaxDifference:0.00000} (no genuine pairs: FNMR measures unavailable)"));
        }
    }
}
