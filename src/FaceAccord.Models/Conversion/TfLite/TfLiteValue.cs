using FaceAccord.Models.Conversion.TfJs;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// What the converter knows about one TFLite tensor: its declared NHWC shape, whether axis 0 is the
/// model's batch (so a symbolic batch can flow through it), and the converted tensor (an ONNX tensor in
/// some layout, or a constant not yet written), which TFLite shares with the TF.js converter's layout moves.
/// </summary>
internal sealed class TfLiteValue
{
    private TfLiteValue(TfJsTensor tensor, int[] shape, bool batched)
    {
        Tensor = tensor;
        Shape = shape;
        Batched = batched;
    }

    public TfJsTensor Tensor { get; }

    /// <summary>The TFLite (NHWC) shape, with the batch as the model declares it.</summary>
    public int[] Shape { get; }

    /// <summary>Axis 0 carries the input's batch: it becomes symbolic when the batch is made dynamic.</summary>
    public bool Batched { get; }

    public TfJsConstant? Constant => Tensor.Constant;

    public TfJsLayout Layout => Tensor.Layout;

    public int Rank => Shape.Length;

    public static TfLiteValue Of(string onnxName, TfJsLayout layout, int[] shape, bool batched) =>
        new(TfJsTensor.Value(onnxName, layout, TfJsShapes.FromInts(shape)), shape, batched);

    public static TfLiteValue Of(TfJsConstant constant) => new(TfJsTensor.Of(constant), constant.Shape, false);
}
