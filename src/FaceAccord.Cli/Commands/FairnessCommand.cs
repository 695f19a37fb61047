using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness;
using FaceAccord.Evaluation.Fairness.Audit;
using FaceAccord.Packs.Calibration;
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
        var calibrate = new Option<string?>("--calibrate") { Description = "Also calibrate a threshold from the manifest: worst-group.", HelpName = "worst-group" };
        var targetFmr = new Option<double?>("--target-fmr") { Description = "FMR the worst-group threshold must keep in every estimable group (default: --fmr)." };
        var holdout = new Option<double?>("--holdout") { Description = "Share of each group's subjects held out to measure the chosen threshold on, e.g. 0.5." };
        var bound = new Option<string?>("--fmr-bound")
        {
            Description = "Margin above each group's point threshold: prediction (default: a new sample of the same size, such as the held-out part, measures FMR ≤ target with --fmr-confidence probability), confidence (the population FMR is ≤ target with that confidence) or point (no margin).",
            HelpName = "prediction|confidence|point",
        };
        var confidence = new Option<double?>("--fmr-confidence") { Description = "Probability of the --fmr-bound (default 0.95)." };
        var resample = new Option<string?>("--resample")
        {
            Description = "Bootstrap units of the bound: linked (default: subjects joined by a false match are drawn together, for data whose files may repeat a person) or subjects.",
            HelpName = "linked|subjects",
        };
        var write = new Option<bool>("--write-calibration") { Description = "Write the worst-group threshold into the pack's calibration file, for verify and identify." };
        var cache = new Option<string?>("--cache") { Description = "Template cache file: reuse templates of unchanged images from earlier runs." };
        var json = CommonOptions.Json();
        var data = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var fairness = new Command("fairness", "Per-group FMR and FNMR at the calibrated threshold, with intervals and summary measures; optionally a worst-group calibration.")
        {
            manifest, outDir, fmr, seed, cap, calibrate, targetFmr, holdout, bound, confidence, resample, write, cache, json, data, provider,
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

            var worstGroup = WorstGroupOptionsOf(r, new CalibrationOptions(calibrate, targetFmr, holdout, bound, confidence, resample, write), target);
            if (r.GetValue(cache) is { } cacheFile)
            {
                TemplateCache.RequireUsable(cacheFile);
            }

            var audit = AuditManifest.Load(manifestPath);
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, data),
                new PipelineOptions { Inference = new Models.Runtime.InferenceOptions { Provider = r.GetValue(provider), IntraOpThreads = 1 } }, ct).ConfigureAwait(false);
            var calibration = PackCalibration.Load(pipeline);
            double threshold = calibration.ThresholdFor(target, CalibrationMode.WorstGroup);
            string[] paths = [.. audit.Entries.Select(e => e.Image)];
            var templates = await output.WithProgressAsync("Embedding images", report => Task.Run(
                () => TemplateCache.Of(pipeline, paths, r.GetValue(cache), (done, total) => report($"Embedding images ({done}/{total})", done / (double)total)),
                ct)).ConfigureAwait(false);
            var options = new FairnessAuditOptions { Seed = r.GetValue(seed), MaxImpostorsPerGroup = r.GetValue(cap), Scorer = calibration.Scorer() };
            var outcome = await Task.Run(() => FairnessAudit.Run(audit, templates, pipeline.ModelId, target, threshold, options), ct).ConfigureAwait(false);
            if (worstGroup is not null)
            {
                var wg = await Task.Run(() => WorstGroupAudit.Run(audit, templates, worstGroup, options), ct).ConfigureAwait(false);
                if (r.GetValue(write))
                {
                    string path = PackCalibration.PathFor(pipeline);
                    WorstGroupCalibrationFile.With(PackCalibration.Load(pipeline), wg, WorstGroupCalibrationFile.Note(audit.Path, audit.Entries.Count, wg)).Save(path);
                    wg = wg with { WrittenTo = path };
                }

                outcome = outcome with { Report = outcome.Report with { WorstGroup = wg } };
            }

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
        fairness.Subcommands.Add(FairnessManifestCommand.Create(output));
        return fairness;
    }

    // Checked before any image is embedded, so a typo costs nothing.
    private static WorstGroupOptions? WorstGroupOptionsOf(ParseResult r, CalibrationOptions o, double fmr)
    {
        var (calibrate, targetFmr, holdout, bound, confidence, resample, write) = o;
        string? mode = r.GetValue(calibrate);
        if (mode is null)
        {
            if (r.GetValue(targetFmr) is not null || r.GetValue(holdout) is not null || r.GetValue(bound) is not null
                || r.GetValue(confidence) is not null || r.GetValue(resample) is not null || r.GetValue(write))
            {
                throw FaceAccordException.BadInput(
                    "calibrate-required", "--target-fmr, --holdout, --fmr-bound, --fmr-confidence, --resample and --write-calibration need --calibrate worst-group.");
            }

            return null;
        }

        if (!string.Equals(mode, "worst-group", StringComparison.Ordinal))
        {
            throw FaceAccordException.BadInput("calibrate-invalid", $"--calibrate takes 'worst-group', not '{mode}'.");
        }

        double target = r.GetValue(targetFmr) ?? fmr;
        if (!(target > 0 && target < 1))
        {
            throw FaceAccordException.BadInput("fmr-invalid", "--target-fmr must be between 0 and 1, e.g. 1e-3.");
        }

        if (r.GetValue(holdout) is { } p && !(p > 0 && p < 1))
        {
            throw FaceAccordException.BadInput("holdout-invalid", "--holdout must be between 0 and 1, e.g. 0.5.");
        }

        if (r.GetValue(confidence) is { } c && !(c > 0 && c < 1))
        {
            throw FaceAccordException.BadInput("confidence-invalid", "--fmr-confidence must be between 0 and 1, e.g. 0.95.");
        }

        FmrBound? margin = r.GetValue(bound) switch
        {
            null or "prediction" => FmrBound.Prediction,
            "confidence" => FmrBound.Confidence,
            "point" => null,
            string other => throw FaceAccordException.BadInput("bound-invalid", $"--fmr-bound takes prediction, confidence or point, not '{other}'."),
        };
        var units = r.GetValue(resample) switch
        {
            null or "linked" => ResamplingUnits.LinkedSubjects,
            "subjects" => ResamplingUnits.Subjects,
            string other => throw FaceAccordException.BadInput("resample-invalid", $"--resample takes linked or subjects, not '{other}'."),
        };
        if (margin is null && (r.GetValue(confidence) is not null || r.GetValue(resample) is not null))
        {
            throw FaceAccordException.BadInput("bound-invalid", "--fmr-bound point has no margin: --fmr-confidence and --resample do not apply.");
        }

        return new WorstGroupOptions
        {
            TargetFmr = target,
            Holdout = r.GetValue(holdout),
            Confidence = margin is null ? null : r.GetValue(confidence) ?? DefaultLevel,
            Bound = margin ?? FmrBound.Prediction,
            Units = units,
        };
    }

    /// <summary>The probability of the default bound: a threshold the held-out check fails one split in twenty.</summary>
    private const double DefaultLevel = 0.95;

    private sealed record CalibrationOptions(
        Option<string?> Calibrate,
        Option<double?> TargetFmr,
        Option<double?> Holdout,
        Option<string?> Bound,
        Option<double?> Confidence,
        Option<string?> Resample,
        Option<bool> Write);

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

        if (report.WorstGroup is { } wg)
        {
            WriteWorstGroup(w, wg);
        }
    }

    private static void WriteWorstGroup(TextWriter w, WorstGroupReport wg)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine();
        string chosen = wg.Threshold is { } t ? string.Create(inv, $"{t:0.0000} (set by {wg.SetBy})") : "none (no group can estimate the target)";
        string pooled = wg.PooledThreshold is { } p ? p.ToString("0.0000", inv) : "none";
        w.WriteLine(string.Create(inv, $"Worst-group calibration for FMR {wg.TargetFmr:G3}: threshold {chosen}; pooled threshold {pooled}."));
        w.WriteLine($"Rule: {wg.Rule}");
        w.WriteLine($"Rates {wg.Evaluation}.");
        if (wg.NotEstimable.Count > 0)
        {
            w.WriteLine($"Not estimable, left out of the choice: {string.Join(", ", wg.NotEstimable)}.");
        }

        w.WriteLine(string.Create(inv, $"{"group",-36} {"impostors",10} {"FMR",9} {"95% interval",22} {"margin",9} {"pooled FMR",10} {"FNMR",7} {"pooled",7}"));
        foreach (var g in wg.Groups.Append(wg.Pooled))
        {
            string fmr = g.Fmr is { } f ? f.ToString("0.00000", inv) : "-";
            string ci = g.FmrLower is { } lo && g.FmrUpper is { } hi ? string.Create(inv, $"[{lo:0.00000}, {hi:0.00000}]") : "-";
            string margin = g.Margin is { } m ? m.ToString("+0.00000;-0.00000;0", inv) : "-";
            string pooledFmr = g.PooledFmr is { } pf ? pf.ToString("0.00000", inv) : "-";
            string fnmr = g.Fnmr is { } n ? n.ToString("0.0000", inv) : "-";
            string pooledFnmr = g.PooledFnmr is { } pn ? pn.ToString("0.0000", inv) : "-";
            w.WriteLine(string.Create(inv, $"{g.Group,-36} {g.ImpostorPairs,10} {fmr,9} {ci,22} {margin,9} {pooledFmr,10} {fnmr,7} {pooledFnmr,7}"));
        }

        w.WriteLine(wg.AllWithinTarget switch
        {
            true => "Every group is within the target.",
            false => "Some group exceeds the target (negative margin).",
            null => "No threshold was chosen.",
        });
        if (wg.WrittenTo is { } written)
        {
            w.WriteLine($"Written as the worst-group threshold for FMR {wg.TargetFmr.ToString("G3", inv)} into {written}.");
        }
    }
}
