using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord identify --gallery G IMAGE</c>: the same open-set search the HTTP API runs, on the store directly.</summary>
public static class IdentifyCommand
{
    public static Command Create(CliOutput output)
    {
        var image = new Argument<string>("image") { Description = "Probe image." };
        var gallery = new Option<string>("--gallery") { Description = "Gallery id or name.", Required = true };
        var top = new Option<int>("--top") { Description = "Most candidates to return.", DefaultValueFactory = _ => 5 };
        var fpir = new Option<double?>("--fpir") { Description = "False-positive identification rate to keep (default 1e-2; 1 = closed set, no threshold)." };
        var tenant = GalleriesCommand.Tenant();
        var purpose = CliServices.Purpose();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var threads = CommonOptions.Threads();
        var cmd = new Command("identify", "Search a gallery for the face in an image (open set).") { image, gallery, top, fpir, tenant, purpose, json, data, models, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            using var services = CliServices.Open(output, r, data, models,
                new Vision.PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) });
            var context = services.Context(r.GetValue(tenant), r.GetValue(purpose)!);
            var g = services.Get<GalleryService>().Resolve(context, r.GetValue(gallery)!);
            await services.LoadModelsAsync(ct).ConfigureAwait(false);
            string path = r.GetValue(image)!;
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                throw FaceAccordException.BadInput("image-file-not-found", $"The image file '{path}' does not exist.");
            }

            var result = services.Get<IdentificationService>().Identify(context, g.Id, bytes, r.GetValue(top), r.GetValue(fpir));
            if (r.GetValue(json))
            {
                output.WriteJson(result);
            }
            else if (result.ReviewCaseId is { } caseId)
            {
                output.Out.WriteLine($"held for human review: case {caseId} ({result.Status}); candidates are released after the required reviewers confirm");
            }
            else if (result.Candidates.Count == 0)
            {
                output.Out.WriteLine($"no candidate above {result.Threshold:0.0000} (FPIR {result.Fpir:g}, {result.GallerySubjects} subjects)");
            }
            else
            {
                foreach (var c in result.Candidates)
                {
                    output.Out.WriteLine($"{c.ExternalId}  {c.Similarity:0.0000}  ({c.SubjectId})");
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
