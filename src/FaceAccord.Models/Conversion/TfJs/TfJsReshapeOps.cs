using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Reshape and Squeeze, which depend on TF's element order and so always run on TF-ordered (NHWC) data.
/// A Reshape whose constant target hard-codes batch 1 is rewritten to keep the batch dimension, so the
/// ONNX model accepts any batch size where the TF.js graph only took one image.
/// </summary>
internal static class TfJsReshapeOps
{
    public static void Reshape(TfJsNode node, TfJsConversionContext ctx)
    {
        var x = ctx.Input(node, 0);
        long[] target = ctx.ConstantInput(node, 1, "shape").RequireInts(node, "shape");
        if (target.Any(d => d == 0 || d < -1) || target.Count(d => d == -1) > 1)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: the target shape [{string.Join(",", target)}] is not supported.");
        }

        if (x.Constant is { } c)
        {
            ctx.Set(node, TfJsTensor.Of(c.WithShape(Resolve(node, target, c.Count).Select(d => (int)d).ToArray())));
            return;
        }

        var (onnxShape, outShape) = Plan(node, x.Shape, target);
        string output = ctx.Emit("Reshape", node, [ctx.Native(x, node), ctx.Int64s(ctx.Hint(node) + "/shape", onnxShape)]);
        ctx.Set(node, TfJsTensor.Value(output, TfJsLayout.Native, outShape));
    }

    /// <summary>
    /// Chooses the ONNX target shape and the static output shape. When the input has a symbolic batch and
    /// the target's leading 1 stands for it (the rest matches one sample), the 1 becomes ONNX's 0 (copy the
    /// input's dimension) and any -1 is resolved per sample, so the batch passes through unchanged.
    /// </summary>
    public static (long[] OnnxShape, long?[] OutShape) Plan(TfJsNode node, long?[] input, long[] target)
    {
        long? perSample = input.Length > 0 ? TfJsShapes.Product(input.Skip(1)) : null;
        bool symbolicBatch = input.Length > 0 && input[0] is null && perSample is not null;
        if (symbolicBatch && target.Length > 0 && target[0] == 1)
        {
            long known = target.Skip(1).Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
            bool hasWildcard = target.Skip(1).Contains(-1);
            if ((!hasWildcard && known == perSample) || (hasWildcard && known > 0 && perSample % known == 0))
            {
                var rest = target.Skip(1).Select(d => d == -1 ? perSample!.Value / known : d).ToArray();
                return ([0, .. rest], [null, .. rest.Select(d => (long?)d)]);
            }
        }

        long? total = TfJsShapes.Product(input);
        var outShape = target.Select(d => (long?)d).ToArray();
        int wildcard = Array.IndexOf(target, -1L);
        if (wildcard >= 0)
        {
            long known = target.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
            outShape[wildcard] = total is long t && known > 0 ? t / known : null;
        }
        else if (total is long t && t != target.Aggregate(1L, (a, b) => a * b))
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: cannot reshape [{TfJsShapes.Format(input)}] to [{string.Join(",", target)}].");
        }

        return (target, outShape);
    }

    public static void Squeeze(TfJsNode node, TfJsConversionContext ctx)
    {
        var x = ctx.Input(node, 0);
        long[] requested = node.GetInts("squeeze_dims") ?? node.GetInts("axis") ?? [];
        int[] axes = requested.Length > 0
            ? TfJsShapes.NormalizeAxes(requested, x.Rank, node)
            : Enumerable.Range(0, x.Rank).Where(i => x.Shape[i] == 1).ToArray();
        foreach (int a in axes)
        {
            if (x.Shape[a] is not 1)
            {
                throw FaceAccordException.BadInput("invalid-shape", $"{node}: axis {a} of [{TfJsShapes.Format(x.Shape)}] is not known to be 1.");
            }
        }

        var outShape = x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
        if (x.Constant is { } c)
        {
            ctx.Set(node, TfJsTensor.Of(c.WithShape(outShape.Select(d => (int)d!.Value).ToArray())));
            return;
        }

        string output = ctx.Emit("Squeeze", node, [ctx.Native(x, node), ctx.Int64s(ctx.Hint(node) + "/axes", axes.Select(a => (long)a).ToArray())]);
        ctx.Set(node, TfJsTensor.Value(output, TfJsLayout.Native, outShape));
    }

    private static long[] Resolve(TfJsNode node, long[] target, int count)
    {
        long known = target.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var result = target.Select(d => d == -1 && known > 0 ? count / known : d).ToArray();
        return result.Aggregate(1L, (a, b) => a * b) == count
            ? result
            : throw FaceAccordException.BadInput("invalid-shape", $"{node}: cannot reshape {count} constant values to [{string.Join(",", target)}].");
    }
}
