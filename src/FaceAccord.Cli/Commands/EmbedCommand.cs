using System.CommandLine;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord embed DIR_OR_IMAGES... --out FILE.jsonl</c>: one template per image, for batch work.</summary>
public static class EmbedCommand
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif" };

    public sealed record Line(string Image, int Faces, float[]? Template, string Model, string? Error = null);

    public static Command Create(CliOutput output)
    {
        var inputs = new Argument<string[]>("inputs") { Arity = ArgumentArity.OneOrMore, Description = "Images or folders (read recursively, following symbolic links)." };
        var outFile = new Option<string>("--out") { Description = "JSON Lines file to write.", Required = true };
        var data = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var cmd = new Command("embed", "Write the template of the face nearest each image's centre.") { inputs, outFile, data, provider };
        cmd.SetAction(async (r, ct) =>
        {
            var files = Expand(r.GetValue(inputs)!);
            var options = new PipelineOptions { Inference = new Models.Runtime.InferenceOptions { Provider = r.GetValue(provider), IntraOpThreads = 1 } };
            var pipeline = await PipelineLoader.OpenAsync(output, CommonOptions.ModelsDirectory(r, data), options, ct).ConfigureAwait(false);
            string target = r.GetValue(outFile)!;
            string tmp = target + ".partial";
            await output.WithProgressAsync("Embedding", async report =>
            {
                await using var w = new StreamWriter(tmp);
                int done = 0;
                foreach (var chunk in files.Chunk(64))
                {
                    var lines = new Line[chunk.Length];
                    Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = ct }, i => lines[i] = EmbedOne(pipeline, chunk[i]));
                    foreach (var line in lines)
                    {
                        await w.WriteLineAsync(JsonSerializer.Serialize(line, CliOutput.Json)).ConfigureAwait(false);
                    }

                    done += chunk.Length;
                    report($"Embedding ({done}/{files.Count})", done / (double)files.Count);
                }

                return 0;
            }).ConfigureAwait(false);
            File.Move(tmp, target, overwrite: true);
            return CliApp.Ok;
        });
        return cmd;
    }

    private static Line EmbedOne(FacePipeline pipeline, string path)
    {
        Photo photo;
        try
        {
            photo = pipeline.Load(path);
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
        {
            // One unreadable file must not sink a batch of thousands: it is reported on its own line.
            return new Line(path, 0, null, pipeline.ModelId, e.Message);
        }

        var faces = pipeline.Detect(photo);
        var face = FacePipeline.CentralFace(photo, faces);
        float[]? template = face is null ? null : pipeline.Embed(photo, face).Vector.ToArray();
        return new Line(path, faces.Count, template, pipeline.ModelId);
    }

    /// <summary>Files as given, and image files under folders (recursively, symbolic links followed, sorted).</summary>
    internal static List<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (string input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(input);
            }
            else if (Directory.Exists(input))
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 32, AttributesToSkip = FileAttributes.System };
                files.AddRange(Directory.EnumerateFiles(input, "*", options).Where(f => ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal));
            }
            else
            {
                throw FaceAccordException.BadInput("input-not-found", $"{input} is neither a file nor a folder.");
            }
        }

        return files;
    }
}
