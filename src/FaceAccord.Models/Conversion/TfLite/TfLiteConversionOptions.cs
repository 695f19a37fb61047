namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// How to convert a TFLite model: whether its fixed batch becomes symbolic, which tensors to export
/// (the model's outputs by default, or intermediate tensors to compare with a reference runtime), and
/// the provenance written into the ONNX file.
/// </summary>
public sealed class TfLiteConversionOptions
{
    /// <summary>
    /// Make axis 0 of every input a symbolic <c>batch</c> (true, the default) so one session serves any
    /// batch size; ops that would mix samples are refused. False keeps the batch the file declares.
    /// </summary>
    public bool DynamicBatch { get; init; } = true;

    /// <summary>Names of the tensors exported as ONNX outputs, in order; null exports the model's own outputs.</summary>
    public IReadOnlyList<string>? Outputs { get; init; }

    /// <summary>The ONNX graph name.</summary>
    public string GraphName { get; init; } = "tflite-graph";

    /// <summary>The ONNX model's doc string (provenance for people).</summary>
    public string DocString { get; init; } = "Converted from a TFLite model by FaceAccord.";

    /// <summary>Extra ONNX metadata properties (provenance for machines); they override the converter's own keys.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
