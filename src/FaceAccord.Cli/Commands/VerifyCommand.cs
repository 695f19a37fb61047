using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Packs.Calibration;
using FaceAccord.Service.Faces;
using FaceAccord.Vision;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord verify A B [--fmr 1e-4]</c>: 1:1 comparison of the most prominent face of each image,
/// decided at the threshold the pack's calibration gives for the asked false-match rate.
/// </summary>
public static class VerifyCommand
{
    public sealed record Result(double Similarity, double Threshold, double FmrTarget, bool Match, string Model, string Calibration);

    public static Command Create(CliOutput output)
    {
        var a = new Argument<string>("image-a") { Description = "First image." };
        var b = new Argument<string>("image-b") { Description = "Second image." };
        var fmr = new Option<double>("--fmr") { Description = "Target false-match rate (e.g. 1e-4).", DefaultValueFactory = _ => 1e-4 };
        var mode = new Option<CalibrationMode>("--calibration")
        {
            Description = "worst-group (default): the FMR holds for every measured demographic group; overall: pooled.",
            DefaultValueFactory = _ => CalibrationMode.WorstGroup,
            HelpName = "worst-group|overall",
            CustomParser = r =>
            {
                switch (r.Tokens.Count == 1 ? r.Tokens[0].Value : null)
                {
                    case "worst-group":
                        return CalibrationMode.WorstGroup;
                    case "overall":
                        return CalibrationMode.Overall;
                    default:
                        r.AddError("--calibration must be worst-group or overall.");
                        return CalibrationMode.WorstGroup;
                }
            },
        };
        var json = CommonOptions.Json();
        var data = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var threads = CommonOptions.Threads();
        var cmd = new Command("verify", "Decide whether two images show the same person.") { a, b, fmr, mode, json, data, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            double target = r.GetValue(fmr);
            if (!(target > 0 && target < 1))
            {
                throw FaceAccordException.BadInput("fmr-invalid", "--fmr must be between 0 and 1, e.g. 1e-4.");
            }

            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, data),
                new PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) }, ct).ConfigureAwait(false);
            var calibration = PackCalibration.Load(pipeline);
            var m = r.GetValue(mode);
            double threshold = calibration.ThresholdFor(target, m);
            double similarity = FaceComparison.Similarity(pipeline, calibration.Scorer(), ReadImage(r.GetValue(a)!), ReadImage(r.GetValue(b)!), r.GetValue(a)!, r.GetValue(b)!);
            var result = new Result(similarity, Math.Round(threshold, 6), target, similarity >= threshold, pipeline.ModelId,
                m == CalibrationMode.WorstGroup ? "worst-group" : "overall");
            if (r.GetValue(json))
            {
                output.WriteJson(result);
            }
            else
            {
                output.Out.WriteLine($"{(result.Match ? "MATCH" : "NO MATCH")}: similarity {similarity:0.0000}, threshold {threshold:0.0000} for FMR {target:g} ({result.Calibration})");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static byte[] ReadImage(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FaceAccordException.BadInput("image-file-not-found", $"The image file '{path}' does not exist.", e);
        }
    }
}
