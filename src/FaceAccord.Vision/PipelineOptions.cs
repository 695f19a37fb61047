using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Detection;

namespace FaceAccord.Vision;

/// <summary>Everything that shapes a <see cref="FacePipeline"/> besides the model pack itself.</summary>
public sealed record PipelineOptions
{
    public InferenceOptions Inference { get; init; } = InferenceOptions.Default;

    public DetectorOptions Detector { get; init; } = DetectorOptions.Default;

    /// <summary>Embedders to use (ids in the pack); null means the pack's default choice.</summary>
    public IReadOnlyList<string>? Embedders { get; init; }

    /// <summary>Also embed the mirrored crop and average: slower, steadier; null means the pack's default.</summary>
    public bool? FlipAverage { get; init; }

    public static PipelineOptions Default { get; } = new();
}
