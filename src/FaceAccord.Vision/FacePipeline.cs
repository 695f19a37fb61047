using System.Diagnostics;
using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Detection;
using FaceAccord.Vision.Embedding;
using FaceAccord.Vision.Imaging;
using FaceAccord.Vision.Quality;
using FaceAccord.Vision.Telemetry;

namespace FaceAccord.Vision;

/// <summary>
/// The face pipeline in a handful of verbs: <c>Decode</c>, <c>Detect</c>, <c>Embed</c>. Owns one
/// session per model of an installed pack; thread-safe, meant to live as long as the process.
/// When the pack fuses several embedders, a template is the concatenation of each model's unit
/// embedding scaled by the square root of its weight, so one cosine gives the weighted mean of the
/// models' cosines: score-level fusion that 1:N search gets for free. Sessions are shared process-wide
/// and live until exit, so a pipeline holds nothing to dispose.
/// </summary>
public sealed class FacePipeline
{
    private static readonly ConcurrentDictionary<string, Lazy<ModelSession>> Sessions = new(StringComparer.Ordinal);

    private readonly FaceEmbedder[] _embedders;
    private readonly float[] _weights;

    private FacePipeline(InstalledPack pack, PipelineOptions options)
    {
        Pack = pack;
        Options = options;
        var manifest = pack.Manifest;
        Detector = new BlazeFaceDetector(SessionFor(pack, manifest.Detector, options.Inference), manifest.Detector, options.Detector);
        IReadOnlyList<string> ids = options.Embedders ?? manifest.DefaultEmbedders;
        if (ids.Count == 0)
        {
            throw FaceAccordException.BadInput("embedder-unknown", "At least one embedder must be chosen.");
        }

        bool flip = options.FlipAverage ?? manifest.FlipAverage;
        _embedders = [.. ids.Select(id =>
        {
            var entry = manifest.Model(id);
            if (entry.Role != ModelRole.Embedder)
            {
                throw FaceAccordException.BadInput("embedder-unknown", $"Model '{id}' of pack {manifest.PackId} is not an embedder.");
            }

            if (manifest.SelfTests.FirstOrDefault(t => t.ModelId == id) is { Passed: false } failed)
            {
                throw FaceAccordException.BadInput("embedder-refused", $"Embedder '{id}' failed its self-test and is not used: {failed.Detail}");
            }

            return new FaceEmbedder(SessionFor(pack, entry, options.Inference), entry, options.Inference, flip);
        })];
        _weights = [.. ids.Select(id => manifest.FusionWeight(id))];
        Dimensions = _embedders.Sum(e => e.Dimensions);
        ModelId = $"{manifest.PackId}/{string.Join('+', ids)}";
        DetectorModelId = $"{manifest.PackId}/{manifest.Detector.Id}";
        Decoder = new ImageDecoder(ImageLimits.Default);
        if (manifest.Models.FirstOrDefault(m => m.Role == ModelRole.HeadPose) is { } pose)
        {
            PoseEstimator = new HeadPoseEstimator(SessionFor(pack, pose, options.Inference), pose);
        }
    }

    public InstalledPack Pack { get; }

    public PipelineOptions Options { get; }

    public BlazeFaceDetector Detector { get; }

    public ImageDecoder Decoder { get; }

    /// <summary>The pack's learned head-pose model, when it has one; otherwise pose comes from the landmarks.</summary>
    public HeadPoseEstimator? PoseEstimator { get; }

    /// <summary>Identifies the template space: pack id plus the embedders used. Templates compare only within one.</summary>
    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>The detector's model, e.g. <c>faceaccord-default-1/blazeface-back</c> (the label of its duration metric).</summary>
    public string DetectorModelId { get; }

    /// <summary>Opens the pipeline on an installed pack.</summary>
    public static FacePipeline Open(InstalledPack pack, PipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new FacePipeline(pack, options ?? PipelineOptions.Default);
    }

    public RgbImage Decode(string path)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var image = Decoder.DecodeFile(path);
        PipelineTelemetry.Decoded(start);
        return image;
    }

    public RgbImage Decode(ReadOnlySpan<byte> bytes)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var image = Decoder.Decode(bytes);
        PipelineTelemetry.Decoded(start);
        return image;
    }

    /// <summary>Faces in the image, most confident first.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        using var activity = PipelineTelemetry.StartDetect();
        long start = Stopwatch.GetTimestamp();
        var faces = Detector.Detect(image);
        PipelineTelemetry.Detected(start, DetectorModelId, faces.Count);
        return faces;
    }

    /// <summary>The template of one face.</summary>
    public FaceTemplate Embed(RgbImage image, DetectedFace face) => Embed(image, [face])[0];

    /// <summary>Templates of several faces of one image, computed in batches.</summary>
    public IReadOnlyList<FaceTemplate> Embed(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return [];
        }

        using var activity = PipelineTelemetry.StartEmbed();
        long start = Stopwatch.GetTimestamp();
        var templates = EmbedAll(image, faces);
        PipelineTelemetry.Embedded(start, ModelId);
        return templates;
    }

    private FaceTemplate[] EmbedAll(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {

        var landmarks = faces.Select(f => f.Landmarks).ToArray();
        var fused = new float[faces.Count * Dimensions];
        int offset = 0;
        for (int m = 0; m < _embedders.Length; m++)
        {
            var e = _embedders[m];
            var part = new float[faces.Count * e.Dimensions];
            e.Embed(image, landmarks, part);
            float scale = MathF.Sqrt(_weights[m]);
            for (int f = 0; f < faces.Count; f++)
            {
                var src = part.AsSpan(f * e.Dimensions, e.Dimensions);
                var dst = fused.AsSpan(f * Dimensions + offset, e.Dimensions);
                System.Numerics.Tensors.TensorPrimitives.Multiply(src, scale, dst);
            }

            offset += e.Dimensions;
        }

        var templates = new FaceTemplate[faces.Count];
        for (int f = 0; f < faces.Count; f++)
        {
            var v = fused.AsSpan(f * Dimensions, Dimensions);
            VectorMath.NormalizeInPlace(v);
            templates[f] = new FaceTemplate(ModelId, v);
        }

        return templates;
    }

    /// <summary>The enrolment rule for this pipeline's pose measure: limits measured for the learned pose model when the pack has one.</summary>
    public QualityRule EnrollmentRule => PoseEstimator is null ? QualityRule.Enrollment : QualityRule.EnrollmentWithPoseModel;

    /// <summary>Size, pose, focus and exposure of a face, and whether it passes <see cref="EnrollmentRule"/>.</summary>
    public (FaceQuality Quality, QualityVerdict Enrollment) Quality(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var pose = PoseEstimator?.Estimate(image, [face])[0] ?? HeadPose.FromLandmarks(face.Landmarks);
        var quality = FaceQualityAssessor.Assess(image, face, pose);
        return (quality, FaceQualityAssessor.Evaluate(quality, EnrollmentRule));
    }

    /// <summary>The face whose box centre is nearest the image centre (the labelled face in LFW-style photos).</summary>
    public static DetectedFace? CentralFace(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        float cx = image.Width / 2f;
        float cy = image.Height / 2f;
        return faces.MinBy(f => ((f.Box.CenterX - cx) * (f.Box.CenterX - cx)) + ((f.Box.CenterY - cy) * (f.Box.CenterY - cy)));
    }

    /// <summary>Sessions are per model file and process; pipelines with other options share them.</summary>
    private static ModelSession SessionFor(InstalledPack pack, ModelEntry entry, InferenceOptions options)
    {
        string path = Path.Combine(pack.Directory, entry.File);
        string key = $"{path}|{options.Provider}|{options.IntraOpThreads}";
        return Sessions.GetOrAdd(key, _ => new Lazy<ModelSession>(() => ModelSession.Open(path, options))).Value;
    }
}
