using FaceAccord.Models.Conversion.TfJs;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// What the converter knows about one TFLite tensor: its declared NHWC shape, whether axis 0 is the
/// model's batch (so a symbolic batch can flow through it), and either the ONNX tensor holding it, with
/// that tensor's layout, or its constant value not yet written to the graph.
/// </summary>
internal sealed class TfLiteValue
{
    private TfLiteValue(string? onnxName, TfJsLayout layout, int[] shape, bool batched, TfJsConstant? constant)
    {
        OnnxName = onnxName;
        Layout = layout;
        Shape = shape;
        Batched = batched;
        Constant = constant;
    }

    /// <summary>The ONNX tensor name; null for a constant until it is materialised.</summary>
    public string? OnnxName { get; }

    public TfJsLayout Layout { get; }

    /// <summary>The TFLite (NHWC) shape, with the batch as the model declares it.</summary>
    public int[] Shape { get; }

    /// <summary>Axis 0 carries the input's batch: it becomes symbolic when the batch is made dynamic.</summary>
    public bool Batched { get; }

    public TfJsConstant? Constant { get; }

    public int Rank => Shape.Length;

    /// <summary>This tensor transposed to NCHW, once made.</summary>
    public string? NchwCopy { get; set; }

    /// <summary>This tensor transposed back to TFLite order, once made.</summary>
    public string? NativeCopy { get; set; }

    /// <summary>This constant written as an initializer in TFLite order, once made.</summary>
    public string? Materialized { get; set; }

    public static TfLiteValue Of(string onnxName, TfJsLayout layout, int[] shape, bool batched) => new(onnxName, layout, shape, batched, null);

    public static TfLiteValue Of(TfJsConstant constant) => new(null, TfJsLayout.Native, constant.Shape, false, constant);
}
