using System.Numerics.Tensors;
using System.Security.Cryptography;
using FaceAccord.Core;
using FaceAccord.Evaluation.Calibration;
using FaceAccord.Evaluation.Datasets;
using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Development;
using FaceAccord.Vision;

namespace FaceAccord.Evaluation.Runs;

/// <summary>
/// Measures a pipeline's score distributions on the development data and turns them into its
/// calibration: genuine and impostor pairs of LFW DevTrain, plus every impostor pair within each
/// race × gender cell of the UTKFace development subset (NIST compares impostors within a group,
/// where false matches are likeliest).
/// </summary>
public static class PackCalibrationRun
{
    /// <param name="templateCache">A template cache file shared with <c>faceaccord fairness --cache</c>; null embeds every image.</param>
    public static CalibrationFile Run(FacePipeline pipeline, string datasets, Action<string, int, int>? progress = null, string? templateCache = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (templateCache is not null)
        {
            Fairness.Audit.TemplateCache.RequireUsable(templateCache);
        }

        string lfwRoot = Path.Combine(datasets, "lfw", "lfw-deepfunneled");
        var devTrain = LfwPairsFile.Parse(Path.Combine(datasets, "lfw", "pairsDevTrain.txt"), lfwRoot);
        var utk = UtkFaceFile.Scan(Path.Combine(datasets, "utkface-dev", "images"));

        // UTKFace has no identities, and some files are byte-identical copies: such a pair is the same photo,
        // not an impostor, and would put false "false matches" at score 1.0.
        var contentHash = utk.Files.ToDictionary(f => f.Path, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.Path))), StringComparer.Ordinal);
        int duplicates = utk.Files.Count - contentHash.Values.Distinct(StringComparer.Ordinal).Count();
        var calibration = new ScoreCalibration(pipeline.ModelId,
        [
            "lfw/pairsDevTrain.txt",
            $"utkface-dev ({utk.Files.Count} images, within race×gender impostors; pairs of byte-identical files excluded, {duplicates} copies)",
        ]);

        var lfwImages = devTrain.Pairs.SelectMany(p => new[] { p.ImagePathA, p.ImagePathB }).Distinct(StringComparer.Ordinal).ToList();
        var lfw = Fairness.Audit.TemplateCache.Of(pipeline, lfwImages, templateCache, (d, n) => progress?.Invoke("LFW DevTrain", d, n));
        foreach (var p in devTrain.Pairs)
        {
            double s = lfw[p.ImagePathA] is { } a && lfw[p.ImagePathB] is { } b ? a.Similarity(b) : double.NaN;
            if (p.IsSame)
            {
                calibration.AddGenuine(s);
            }
            else
            {
                calibration.AddImpostor(s);
            }
        }

        var utkTemplates = Fairness.Audit.TemplateCache.Of(pipeline, [.. utk.Files.Select(f => f.Path)], templateCache, (d, n) => progress?.Invoke("UTKFace dev", d, n));
        foreach (var group in utk.Files.GroupBy(f => f.GroupLabel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.Select(f => utkTemplates[f.Path]).ToList();
            var hashes = group.Select(f => contentHash[f.Path]).ToList();
            for (int i = 0; i < members.Count; i++)
            {
                for (int j = i + 1; j < members.Count; j++)
                {
                    if (string.Equals(hashes[i], hashes[j], StringComparison.Ordinal))
                    {
                        continue;
                    }

                    calibration.AddImpostor(Score(members[i], members[j]), group.Key);
                }
            }
        }

        return calibration.Build(DateTimeOffset.UtcNow);
    }


    private static double Score(FaceTemplate? a, FaceTemplate? b) =>
        a is null || b is null ? double.NaN : TensorPrimitives.Dot(a.Vector, b.Vector);
}
