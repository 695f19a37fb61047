using System.Diagnostics;
using System.Buffers;
using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Alignment;
using FaceAccord.Vision.Detection;
using FaceAccord.Vision.Embedding;
using FaceAccord.Vision.Imaging;
using FaceAccord.Vision.Quality;
using FaceAccord.Vision.Telemetry;

namespace FaceAccord.Vision;

/// <summary>
/// The face pipeline in a handful of verbs: <c>Load</c>, <c>Detect</c>, <c>Embed</c>. Owns one
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

    // The pose model's input size, so a face of a large photo gets pixels fine enough for its crop.
    private readonly (int Width, int Height)? _poseInput;

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
            _poseInput = (pose.InputWidth, pose.InputHeight);
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

    /// <summary>The whole image at full resolution, for callers that need every pixel.</summary>
    public RgbImage Decode(string path)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var image = Decoder.DecodeFile(path);
        PipelineTelemetry.Decoded(start);
        return image;
    }

    /// <summary>The whole image at full resolution, for callers that need every pixel.</summary>
    public RgbImage Decode(ReadOnlySpan<byte> bytes)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var image = Decoder.Decode(bytes);
        PipelineTelemetry.Decoded(start);
        return image;
    }

    /// <summary>A photo decoded no finer than detection needs; faces get finer pixels of their region when they need them.</summary>
    public Photo Load(string path)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var photo = Decoder.DecodePhotoFile(path, Options.Detector.WorkingSide);
        PipelineTelemetry.Decoded(start);
        return photo;
    }

    /// <summary>A photo decoded no finer than detection needs; faces get finer pixels of their region when they need them.</summary>
    public Photo Load(ReadOnlySpan<byte> bytes)
    {
        using var activity = PipelineTelemetry.StartDecode();
        long start = Stopwatch.GetTimestamp();
        var photo = Decoder.DecodePhoto(bytes, Options.Detector.WorkingSide);
        PipelineTelemetry.Decoded(start);
        return photo;
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

    /// <summary>Faces in the photo, most confident first, in the photo's full-resolution coordinates.</summary>
    public IReadOnlyList<DetectedFace> Detect(Photo photo)
    {
        using var activity = PipelineTelemetry.StartDetect();
        long start = Stopwatch.GetTimestamp();
        var faces = Detector.Detect(photo);
        PipelineTelemetry.Detected(start, DetectorModelId, faces.Count);
        return faces;
    }

    /// <summary>The template of one face.</summary>
    public FaceTemplate Embed(RgbImage image, DetectedFace face) => Embed(image, [face])[0];

    /// <summary>The template of one face of a photo.</summary>
    public FaceTemplate Embed(Photo photo, DetectedFace face) => Embed(photo, [face])[0];

    /// <summary>Templates of several faces of one image, computed in batches.</summary>
    public IReadOnlyList<FaceTemplate> Embed(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Embed(Photo.Of(image), faces);
    }

    /// <summary>
    /// Templates of several faces of one photo, computed in batches; each face is cut from pixels at least as fine as
    /// its crops need (see <see cref="FacePixels"/>).
    /// </summary>
    public IReadOnlyList<FaceTemplate> Embed(Photo photo, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return [];
        }

        using var activity = PipelineTelemetry.StartEmbed();
        long start = Stopwatch.GetTimestamp();
        var templates = EmbedAll(photo, faces);
        PipelineTelemetry.Embedded(start, ModelId);
        return templates;
    }

    private FaceTemplate[] EmbedAll(Photo photo, IReadOnlyList<DetectedFace> faces)
    {
        var sources = FacePixels.For(photo, faces, f => _embedders.Select(e =>
            FacePixels.Crop.Of(e.AlignmentFor(f.Landmarks), e.Entry.InputWidth, e.Entry.InputHeight)));

        // Faces cut from the same pixels go through each model in one batch.
        var groups = Enumerable.Range(0, faces.Count).GroupBy(i => sources[i].Image).ToList();
        var fused = new float[faces.Count * Dimensions];
        int offset = 0;
        for (int m = 0; m < _embedders.Length; m++)
        {
            var e = _embedders[m];
            var part = new float[faces.Count * e.Dimensions];
            foreach (var group in groups)
            {
                int[] members = [.. group];
                var pixels = sources[members[0]];
                var landmarks = members.Select(i => pixels.Map(faces[i].Landmarks)).ToArray();
                if (groups.Count == 1)
                {
                    e.Embed(pixels.Image, landmarks, part);
                    continue;
                }

                float[] batch = ArrayPool<float>.Shared.Rent(members.Length * e.Dimensions);
                try
                {
                    e.Embed(pixels.Image, landmarks, batch);
                    for (int k = 0; k < members.Length; k++)
                    {
                        batch.AsSpan(k * e.Dimensions, e.Dimensions).CopyTo(part.AsSpan(members[k] * e.Dimensions, e.Dimensions));
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(batch);
                }
            }

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

    /// <summary>
    /// Quality of a face of a photo: pose, focus and exposure measured on pixels at least as fine as their crops need,
    /// sizes in the photo's full-resolution pixels (what the enrolment rule's limits mean).
    /// </summary>
    public (FaceQuality Quality, QualityVerdict Enrollment) Quality(Photo photo, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(face);
        var pixels = FacePixels.For(photo, [face], QualityCrops)[0];
        var inPixels = pixels.Map(face);
        var pose = PoseEstimator?.Estimate(pixels.Image, [inPixels])[0] ?? HeadPose.FromLandmarks(face.Landmarks);
        var measured = FaceQualityAssessor.Assess(pixels.Image, inPixels, pose);
        var quality = measured with
        {
            InterOcularDistance = face.Landmarks.InterOcularDistance,
            FaceWidth = face.Box.Width,
            FaceHeight = face.Box.Height,
        };
        return (quality, FaceQualityAssessor.Evaluate(quality, EnrollmentRule));
    }

    /// <summary>
    /// The crops quality measures: the aligned focus-and-exposure crop (none when the landmarks define no face
    /// geometry; the assessor reports that) and the pose model's, the face box widened by a quarter on each side
    /// and stretched to its input (as <see cref="HeadPoseEstimator"/> cuts it).
    /// </summary>
    private IEnumerable<FacePixels.Crop> QualityCrops(DetectedFace face)
    {
        if (_poseInput is var (width, height) && face.Box.Width > 0 && face.Box.Height > 0)
        {
            var b = face.Box;
            yield return new FacePixels.Crop(
                Math.Max(width / (1.5f * b.Width), height / (1.5f * b.Height)),
                new System.Drawing.RectangleF(b.X - (b.Width / 4), b.Y - (b.Height / 4), 1.5f * b.Width, 1.5f * b.Height));
        }

        var template = AlignmentTemplate.ArcFace112;
        SimilarityTransform transform;
        try
        {
            transform = template.TransformFor(face.Landmarks);
        }
        catch (FaceAccordException e) when (e.Code == SimilarityTransform.DegenerateCode)
        {
            yield break;
        }

        yield return FacePixels.Crop.Of(transform, template.Width, template.Height);
    }

    /// <summary>The face whose box centre is nearest the image centre (the labelled face in LFW-style photos).</summary>
    public static DetectedFace? CentralFace(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        return CentralFace(image.Width, image.Height, faces);
    }

    /// <summary>The face whose box centre is nearest the photo's centre (the labelled face in LFW-style photos).</summary>
    public static DetectedFace? CentralFace(Photo photo, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return CentralFace(photo.Width, photo.Height, faces);
    }

    private static DetectedFace? CentralFace(int width, int height, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        float cx = width / 2f;
        float cy = height / 2f;
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
