using System.CommandLine;
using FaceAccord.Service.Faces;
using FaceAccord.Vision;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord detect IMAGE... [--json]</c>: faces, landmarks and quality per image.</summary>
public static class DetectCommand
{
    public static Command Create(CliOutput output)
    {
        var images = new Argument<string[]>("images") { Arity = ArgumentArity.OneOrMore, Description = "Image files (JPEG, PNG, WebP, BMP, GIF)." };
        var json = CommonOptions.Json();
        var data = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var threads = CommonOptions.Threads();
        var cmd = new Command("detect", "Find faces and their landmarks.") { images, json, data, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, data),
                new PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) }, ct).ConfigureAwait(false);
            var results = new List<FaceJson.ImageFaces>();
            foreach (string path in r.GetValue(images)!)
            {
                var photo = pipeline.Load(path);
                var faces = pipeline.Detect(photo);
                results.Add(new FaceJson.ImageFaces(path, photo.Width, photo.Height,
                    [.. faces.Select(f => FaceJson.From(pipeline, photo, f))]));
            }

            if (r.GetValue(json))
            {
                output.WriteJson(results);
            }
            else
            {
                foreach (var res in results)
                {
                    output.Out.WriteLine($"{res.Image}: {res.Width}×{res.Height}, {res.Faces.Count} face(s)");
                    foreach (var f in res.Faces)
                    {
                        output.Out.WriteLine($"  box ({f.Box.X:0}, {f.Box.Y:0}) {f.Box.Width:0}×{f.Box.Height:0}  score {f.Score:0.000}");
                    }
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
