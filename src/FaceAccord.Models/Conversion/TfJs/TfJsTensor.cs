namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// What the converter knows about one TF tensor: its static TF-order shape and either the ONNX tensor
/// holding it (with that tensor's layout) or its constant value, not yet written to the ONNX graph.
/// </summary>
internal sealed class TfJsTensor
{
    private TfJsTensor(string? onnxName, TfJsLayout layout, long?[] shape, TfJsConstant? constant)
    {
        OnnxName = onnxName;
        Layout = layout;
        Shape = shape;
        Constant = constant;
    }

    /// <summary>The ONNX tensor name; null for a constant until it is materialised.</summary>
    public string? OnnxName { get; }

    public TfJsLayout Layout { get; }

    /// <summary>The TF (NHWC) shape; null dimensions are unknown.</summary>
    public long?[] Shape { get; }

    public TfJsConstant? Constant { get; }

    public int Rank => Shape.Length;

    /// <summary>This tensor transposed to NCHW, once made (a tensor feeding several convolutions is transposed once).</summary>
    public string? NchwCopy { get; set; }

    /// <summary>This tensor transposed back to TF order, once made.</summary>
    public string? NativeCopy { get; set; }

    /// <summary>This constant written as an initializer in TF order, once made.</summary>
    public string? Materialized { get; set; }

    public static TfJsTensor Value(string onnxName, TfJsLayout layout, long?[] shape) => new(onnxName, layout, shape, null);

    public static TfJsTensor Of(TfJsConstant constant) =>
        new(null, TfJsLayout.Native, TfJsShapes.FromInts(constant.Shape), constant);
}
