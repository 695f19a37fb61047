using FaceAccord.Models.Packs;
using FaceAccord.Packs.Development;
using FaceAccord.Vision;

namespace FaceAccord.Packs.Installation;

/// <summary>
/// The install-time check that an embedder actually tells people apart: on a few LFW DevTrain pairs,
/// genuine pairs must score clearly above impostor pairs (decidability d′ ≥ <see cref="MinSeparation"/>).
/// A collapsed model (every face the same embedding, like the package's mobilefacenet) fails it and
/// the pipeline refuses to use it.
/// </summary>
public static class EmbedderSelfTest
{
    /// <summary>Minimum d′ = (μg − μi) / √((σg² + σi²) / 2); LFW-grade embedders reach 3 or more.</summary>
    public const double MinSeparation = 1.0;

    public const int PairsPerClass = 30;

    public static SelfTestResult Run(InstalledPack pack, string modelId, string? datasets)
    {
        ArgumentNullException.ThrowIfNull(pack);
        if (datasets is null)
        {
            return new SelfTestResult(modelId, true, 0, 0, 0, 0, 0,
                "separation not measured: no development data reachable (set FACEACCORD_DATASETS and reinstall)");
        }

        var file = LfwPairsFile.Parse(Path.Combine(datasets, "lfw", "pairsDevTrain.txt"), Path.Combine(datasets, "lfw", "lfw-deepfunneled"));
        var pairs = file.Pairs.Where(p => p.IsSame).Take(PairsPerClass)
            .Concat(file.Pairs.Where(p => !p.IsSame).Take(PairsPerClass)).ToList();
        var pipeline = FacePipeline.Open(pack, new PipelineOptions { Embedders = [modelId], FlipAverage = false });
        var genuine = new List<double>();
        var impostor = new List<double>();
        foreach (var p in pairs)
        {
            var a = TemplateOf(pipeline, p.ImagePathA);
            var b = TemplateOf(pipeline, p.ImagePathB);
            if (a is null || b is null)
            {
                continue;
            }

            (p.IsSame ? genuine : impostor).Add(a.Similarity(b));
        }

        if (genuine.Count < PairsPerClass / 2 || impostor.Count < PairsPerClass / 2)
        {
            return new SelfTestResult(modelId, false, genuine.Count, impostor.Count, 0, 0, 0, "too few faces found in the self-test images");
        }

        double mg = genuine.Average(), mi = impostor.Average();
        double vg = genuine.Sum(s => (s - mg) * (s - mg)) / genuine.Count;
        double vi = impostor.Sum(s => (s - mi) * (s - mi)) / impostor.Count;
        double d = (mg - mi) / Math.Sqrt(Math.Max((vg + vi) / 2, 1e-12));
        bool passed = d >= MinSeparation;
        string detail = passed
            ? $"genuine pairs score {mg:0.000} on average, impostors {mi:0.000}; d′ = {d:0.00}"
            : $"embeddings do not separate people: genuine {mg:0.000} vs impostor {mi:0.000}, d′ = {d:0.00} < {MinSeparation}";
        return new SelfTestResult(modelId, passed, genuine.Count, impostor.Count, mg, mi, d, detail);
    }

    private static Core.FaceTemplate? TemplateOf(FacePipeline pipeline, string path)
    {
        var image = pipeline.Decode(path);
        var face = FacePipeline.CentralFace(image, pipeline.Detect(image));
        return face is null ? null : pipeline.Embed(image, face);
    }
}
