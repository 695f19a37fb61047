namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// Elementwise ops of one input (ABS, RELU, RELU6, RELU_N1_TO_1, LOGISTIC, TANH): one ONNX node in whatever
/// layout the input already has, so they never add a transpose.
/// </summary>
internal static class TfLiteUnaryOps
{
    public static TfLiteOpConverter Simple(string onnxOp) => (op, ctx) => Emit(op, ctx, onnxOp);

    /// <summary>RELU6 and RELU_N1_TO_1 as ONNX Clip with scalar bounds.</summary>
    public static TfLiteOpConverter Clip(float min, float max) => (op, ctx) => Emit(op, ctx, "Clip", min, max);

    private static void Emit(TfLiteOperator op, TfLiteConversionContext ctx, string onnxOp, params float[] bounds)
    {
        var x = ctx.Input(op, 0);
        string input = ctx.Operand(x, x.Layout, op);
        string output = ctx.Emit(onnxOp, op, [input, .. bounds.Select(ctx.Scalar)]);
        ctx.Set(op, TfLiteValue.Of(output, x.Layout, x.Shape, x.Batched));
    }
}
