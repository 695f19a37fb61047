namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// What to take from a TF.js graph: the placeholder fed by the ONNX input and the tensors exported as
/// outputs. Only nodes these outputs depend on are converted, so unused heads never reach the ONNX file.
/// </summary>
public sealed class TfJsConversionOptions
{
    /// <summary>The name of the ONNX model's single input (float NHWC, symbolic batch).</summary>
    public const string OnnxInputName = "input";

    /// <summary>The TF placeholder node that becomes the ONNX input; null takes the graph's only placeholder.</summary>
    public string? InputPlaceholder { get; init; }

    /// <summary>The exported tensors, in ONNX output order.</summary>
    public required IReadOnlyList<TfJsOutput> Outputs { get; init; }

    /// <summary>
    /// Non-batch input dimensions (H, W, C) used where the placeholder leaves them unknown (-1); null keeps
    /// the placeholder's own shape.
    /// </summary>
    public IReadOnlyList<long>? InputShape { get; init; }

    /// <summary>The ONNX graph name.</summary>
    public string GraphName { get; init; } = "tfjs-graph";

    /// <summary>The ONNX model's doc string (provenance for people).</summary>
    public string DocString { get; init; } = "Converted from a TF.js graph model by FaceAccord.";

    /// <summary>Extra ONNX metadata properties (provenance for machines); they override the converter's own keys.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
