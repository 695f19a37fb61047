namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Broadcasting elementwise ops (Add, Mul, Minimum, …, BiasAdd, Prelu). Both operands are brought to
/// one layout so ONNX's right-aligned broadcasting means what TF's means; constant-only operations are
/// folded at conversion time.
/// </summary>
internal static class TfJsBinaryOps
{
    public static TfJsOpConverter Elementwise(string onnxOp, Func<float, float, float> fold) =>
        (node, ctx) => Convert(node, ctx, onnxOp, fold);

    public static void BiasAdd(TfJsNode node, TfJsConversionContext ctx)
    {
        TfJsConvolutionOps.RequireNhwc(node);
        Convert(node, ctx, "Add", static (a, b) => a + b);
    }

    /// <summary>(a - b)², as TF.js computes it.</summary>
    public static void SquaredDifference(TfJsNode node, TfJsConversionContext ctx)
    {
        var (a, b, layout, shape) = Operands(node, ctx);
        if (a.Constant is not null && b.Constant is not null)
        {
            ctx.Set(node, Fold(node, a, b, static (x, y) => (x - y) * (x - y)));
            return;
        }

        string diff = ctx.Emit("Sub", node, [ctx.Operand(a, layout, node), ctx.Operand(b, layout, node)]);
        ctx.Set(node, TfJsTensor.Value(ctx.Emit("Mul", node, [diff, diff]), layout, shape));
    }

    /// <summary>TF.js's Prelu op: x where x ≥ 0, alpha·x elsewhere, alpha broadcast over channels.</summary>
    public static void Prelu(TfJsNode node, TfJsConversionContext ctx)
    {
        var (x, alpha, layout, shape) = Operands(node, ctx);
        if (x.Constant is not null && alpha.Constant is not null)
        {
            ctx.Set(node, Fold(node, x, alpha, static (v, s) => v < 0 ? v * s : v));
            return;
        }

        string output = ctx.Emit("PRelu", node, [ctx.Operand(x, layout, node), ctx.Operand(alpha, layout, node)]);
        ctx.Set(node, TfJsTensor.Value(output, layout, shape));
    }

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, string onnxOp, Func<float, float, float> fold)
    {
        var (a, b, layout, shape) = Operands(node, ctx);
        if (a.Constant is not null && b.Constant is not null)
        {
            ctx.Set(node, Fold(node, a, b, fold));
            return;
        }

        string output = ctx.Emit(onnxOp, node, [ctx.Operand(a, layout, node), ctx.Operand(b, layout, node)]);
        ctx.Set(node, TfJsTensor.Value(output, layout, shape));
    }

    private static (TfJsTensor A, TfJsTensor B, TfJsLayout Layout, long?[] Shape) Operands(TfJsNode node, TfJsConversionContext ctx)
    {
        var a = ctx.Input(node, 0);
        var b = ctx.Input(node, 1);
        var shape = TfJsShapes.Broadcast(a.Shape, b.Shape, node);
        return (a, b, TfJsConversionContext.BroadcastLayout([a, b]), shape);
    }

    private static TfJsTensor Fold(TfJsNode node, TfJsTensor a, TfJsTensor b, Func<float, float, float> f)
    {
        if (a.Constant!.Floats is null || b.Constant!.Floats is null)
        {
            throw TfJsConversionContext.Unsupported(node, "int32 arithmetic is not supported.");
        }

        return TfJsTensor.Of(TfJsConstant.Combine(a.Constant, b.Constant, f, node));
    }
}
