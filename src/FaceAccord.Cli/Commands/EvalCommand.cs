using System.CommandLine;
using System.Globalization;
using FaceAccord.Evaluation.Runs;
using FaceAccord.Packs.Development;
using FaceAccord.Vision;
using FaceAccord.Packs.Calibration;
using FaceAccord.Core;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord eval lfw</c>: accuracy of the pipeline on an LFW protocol file.</summary>
public static class EvalCommand
{
    public sealed record LfwResult(
        int Pairs,
        int Folds,
        double Accuracy,
        double? AccuracyStd,
        double? TarAtFar1e3,
        double Eer,
        int ImagesWithoutFace,
        int Images,
        double Threshold,
        string Model,
        string PairsFile,
        string? TrainFile);

    public static Command Create(CliOutput output)
    {
        var eval = new Command("eval", "Measure the pipeline on an evaluation protocol.");
        var images = new Option<string>("--images") { Description = "LFW image root (folders per person).", Required = true };
        var pairs = new Option<string>("--pairs") { Description = "Pairs file: View 1 (count line) or View 2 (10<TAB>300).", Required = true };
        var train = new Option<string?>("--train") { Description = "For a View 1 test file: the DevTrain file that chooses the threshold." };
        var scores = new Option<string?>("--scores") { Description = "Write each pair's score to this CSV file." };
        var chart = new Option<string?>("--chart") { Description = "Draw the genuine and impostor score distributions with the threshold to this PNG file." };
        var embedders = new Option<string?>("--embedders") { Description = "Comma-separated embedder ids (default: the pack's choice)." };
        var flip = new Option<bool?>("--flip") { Description = "Average each face with its mirror image (default: the pack's choice)." };
        var json = CommonOptions.Json();
        var data = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var lfw = new Command("lfw", "Verification accuracy on Labeled Faces in the Wild.") { images, pairs, train, scores, chart, embedders, flip, json, data, provider };
        lfw.SetAction(async (r, ct) =>
        {
            string root = r.GetValue(images)!;
            var test = LfwPairsFile.Parse(r.GetValue(pairs)!, root);
            var trainFile = r.GetValue(train) is { } t ? LfwPairsFile.Parse(t, root) : null;
            var options = new PipelineOptions
            {
                // One image per core; each run single-threaded (see ImageTemplates).
                Inference = new Models.Runtime.InferenceOptions { Provider = r.GetValue(provider), IntraOpThreads = 1 },
                Embedders = r.GetValue(embedders)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                FlipAverage = r.GetValue(flip),
            };
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, data), options, ct).ConfigureAwait(false);
            // Scores by the calibration's rule when the template space has one, so the figures are the product's.
            var scorer = TryScorer(pipeline);
            var outcome = await output.WithProgressAsync("Embedding LFW images", report =>
                Task.Run(() => LfwEvaluation.Run(pipeline, test, trainFile, (done, total) => report($"Embedding LFW images ({done}/{total})", done / (double)total), scorer), ct)).ConfigureAwait(false);

            if (r.GetValue(scores) is { } csv)
            {
                await using var w = new StreamWriter(csv);
                await w.WriteLineAsync("imageA,imageB,same,fold,score").ConfigureAwait(false);
                foreach (var (p, s) in outcome.Scores)
                {
                    await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{p.ImagePathA},{p.ImagePathB},{(p.IsSame ? 1 : 0)},{p.Fold},{s:R}")).ConfigureAwait(false);
                }
            }

            var rep = outcome.Report;
            if (r.GetValue(chart) is { } png)
            {
                Evaluation.Reports.ScoreDistributionChart.Save(
                    png,
                    string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(r.GetValue(pairs))}: accuracy {rep.Accuracy:P2}, {pipeline.ModelId}"),
                    [.. outcome.Scores.Where(s => s.Pair.IsSame).Select(s => s.Score)],
                    [.. outcome.Scores.Where(s => !s.Pair.IsSame).Select(s => s.Score)],
                    rep.Threshold,
                    scorer.Method);
            }

            var result = new LfwResult(rep.Pairs, rep.Folds, rep.Accuracy, rep.AccuracyStd, rep.TarAtFar1e3, rep.Eer,
                outcome.ImagesWithoutFace, outcome.Images, rep.Threshold, pipeline.ModelId, r.GetValue(pairs)!, r.GetValue(train));
            if (r.GetValue(json))
            {
                output.WriteJson(result);
            }
            else
            {
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{pipeline.ModelId}: accuracy {rep.Accuracy:P2}{(rep.AccuracyStd is { } sd ? $" ± {sd:P2}" : string.Empty)} on {rep.Pairs} pairs, TAR@FAR=1e-3 {rep.TarAtFar1e3:P2}, EER {rep.Eer:P2}, no face in {outcome.ImagesWithoutFace}/{outcome.Images} images"));
            }

            return CliApp.Ok;
        });
        eval.Subcommands.Add(lfw);
        return eval;
    }

    private static Vision.Scoring.TemplateScorer TryScorer(FacePipeline pipeline)
    {
        try
        {
            return PackCalibration.Load(pipeline).Scorer();
        }
        catch (FaceAccordException e) when (e.Code is "calibration-missing")
        {
            return Vision.Scoring.TemplateScorer.Cosine;
        }
    }
}
