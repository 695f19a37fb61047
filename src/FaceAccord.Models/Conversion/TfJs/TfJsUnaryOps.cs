using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Layout-preserving single-input ops (activations and math functions), plus Identity and Softmax.
/// A constant input is folded with the same float math TF.js uses.
/// </summary>
internal static class TfJsUnaryOps
{
    /// <summary>An op with a direct ONNX counterpart.</summary>
    public static TfJsOpConverter Simple(string onnxOp, Func<double, double> fold) =>
        (node, ctx) => Convert(node, ctx, fold, value => ctx.Emit(onnxOp, node, [value]));

    public static void Relu6(TfJsNode node, TfJsConversionContext ctx) =>
        Convert(node, ctx, static v => Math.Min(Math.Max(v, 0), 6), value => ctx.Emit("Clip", node, [value, ctx.Scalar(0f), ctx.Scalar(6f)]));

    public static void Elu(TfJsNode node, TfJsConversionContext ctx) =>
        Convert(node, ctx, static v => v > 0 ? v : Math.Exp(v) - 1, value => ctx.Emit("Elu", node, [value], OnnxAttribute.Float("alpha", 1f)));

    public static void LeakyRelu(TfJsNode node, TfJsConversionContext ctx)
    {
        float alpha = node.GetFloat("alpha") ?? 0.2f;
        Convert(node, ctx, v => v < 0 ? alpha * v : v, value => ctx.Emit("LeakyRelu", node, [value], OnnxAttribute.Float("alpha", alpha)));
    }

    public static void Square(TfJsNode node, TfJsConversionContext ctx) =>
        Convert(node, ctx, static v => v * v, value => ctx.Emit("Mul", node, [value, value]));

    public static void Rsqrt(TfJsNode node, TfJsConversionContext ctx) =>
        Convert(node, ctx, static v => 1 / Math.Sqrt(v), value => ctx.Emit("Reciprocal", node, [ctx.Emit("Sqrt", node, [value])]));

    /// <summary>Identity only renames: the output is the input tensor itself.</summary>
    public static void Identity(TfJsNode node, TfJsConversionContext ctx) => ctx.Set(node, ctx.Input(node, 0));

    /// <summary>TF's softmax runs over the last (channel) axis, which is axis 1 of an NCHW tensor.</summary>
    public static void Softmax(TfJsNode node, TfJsConversionContext ctx)
    {
        var x = ctx.Input(node, 0);
        var layout = x.Constant is null ? x.Layout : TfJsLayout.Native;
        string input = ctx.In(x, layout, node);
        long axis = layout == TfJsLayout.Nchw ? 1 : -1;
        ctx.Set(node, TfJsTensor.Value(ctx.Emit("Softmax", node, [input], OnnxAttribute.Int("axis", axis)), layout, x.Shape));
    }

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, Func<double, double> fold, Func<string, string> emit)
    {
        var x = ctx.Input(node, 0);
        if (x.Constant is { } c)
        {
            var floats = c.Floats ?? throw TfJsConversionContext.Unsupported(node, "int32 arithmetic is not supported.");
            ctx.Set(node, TfJsTensor.Of(new TfJsConstant(c.Shape, floats.Select(v => (float)fold(v)).ToArray(), null)));
            return;
        }

        ctx.Set(node, TfJsTensor.Value(emit(x.OnnxName!), x.Layout, x.Shape));
    }
}
