using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Mean, Sum, Max and Min over constant axes. On an NCHW tensor the TF axes are mapped to NCHW; when
/// dropping the reduced axes would leave the rest out of TF order (e.g. a mean over height only), the
/// input is transposed back first so the result's axis order is TF's.
/// </summary>
internal static class TfJsReductionOps
{
    public static TfJsOpConverter Reduce(string onnxOp) => (node, ctx) => Convert(node, ctx, onnxOp);

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, string onnxOp)
    {
        var x = ctx.Input(node, 0);
        var requested = ctx.ConstantInput(node, 1, "axes").RequireInts(node, "axes");
        bool keepDims = node.GetBool("keep_dims") ?? node.GetBool("keepDims") ?? false;
        int[] axes = TfJsShapes.NormalizeAxes(requested, x.Rank, node);
        if (axes.Length == 0)
        {
            // TF reduces nothing when given no axes; ONNX would reduce everything.
            ctx.Set(node, x);
            return;
        }

        var shape = keepDims
            ? x.Shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
            : x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();

        var layout = x.Constant is null ? x.Layout : TfJsLayout.Native;
        if (layout == TfJsLayout.Nchw && !keepDims && !KeepsTfOrder(axes))
        {
            layout = TfJsLayout.Native;
        }

        long[] onnxAxes = axes.Select(a => (long)(layout == TfJsLayout.Nchw ? TfJsShapes.NhwcToNchwAxis[a] : a)).Order().ToArray();
        string input = ctx.In(x, layout, node);
        var keep = OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);

        // Opset 17: ReduceSum takes its axes as an input, the other reductions as an attribute.
        string output = onnxOp == "ReduceSum"
            ? ctx.Emit(onnxOp, node, [input, ctx.Int64s(ctx.Hint(node) + "/axes", onnxAxes)], keep)
            : ctx.Emit(onnxOp, node, [input], OnnxAttribute.Ints("axes", onnxAxes), keep);
        var outLayout = layout == TfJsLayout.Nchw && keepDims ? TfJsLayout.Nchw : TfJsLayout.Native;
        ctx.Set(node, TfJsTensor.Value(output, outLayout, shape));
    }

    /// <summary>True when the NCHW axes that survive the reduction are, read in NCHW order, in increasing TF order.</summary>
    private static bool KeepsTfOrder(int[] tfAxes)
    {
        var remaining = Enumerable.Range(0, 4)
            .Where(onnxAxis => !tfAxes.Contains(TfJsShapes.NchwToNhwcAxis[onnxAxis]))
            .Select(onnxAxis => TfJsShapes.NchwToNhwcAxis[onnxAxis])
            .ToList();
        return remaining.SequenceEqual(remaining.Order());
    }
}
