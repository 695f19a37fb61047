using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Pad, PadV2 and MirrorPad (REFLECT). Padding works in any layout, so the tensor stays where it is and
/// TF's [rank,2] paddings are permuted into ONNX's begins-then-ends list for that layout.
/// </summary>
internal static class TfJsPadOps
{
    public static void Pad(TfJsNode node, TfJsConversionContext ctx) =>
        Convert(node, ctx, "constant", node.GetFloat("constant_value") is float v && v != 0 ? v : null);

    public static void PadV2(TfJsNode node, TfJsConversionContext ctx)
    {
        var value = ctx.ConstantInput(node, 2, "constant value");
        if (value.Count != 1)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: the constant value must be a scalar.");
        }

        Convert(node, ctx, "constant", value.RequireFloats(node, "constant value")[0]);
    }

    public static void MirrorPad(TfJsNode node, TfJsConversionContext ctx)
    {
        string mode = node.GetString("mode") ?? string.Empty;
        if (!string.Equals(mode, "REFLECT", StringComparison.Ordinal))
        {
            throw TfJsConversionContext.Unsupported(node, $"MirrorPad mode '{mode}' is not supported (only REFLECT).");
        }

        Convert(node, ctx, "reflect", null);
    }

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, string mode, float? constant)
    {
        var x = ctx.Input(node, 0);
        var paddings = ctx.ConstantInput(node, 1, "paddings").RequireInts(node, "paddings");
        int rank = x.Rank;
        if (paddings.Length != rank * 2)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: paddings have {paddings.Length} values for a rank-{rank} tensor.");
        }

        var layout = x.Constant is null ? x.Layout : TfJsLayout.Native;
        var pads = new long[rank * 2];
        var shape = new long?[rank];
        for (int d = 0; d < rank; d++)
        {
            int onnxAxis = layout == TfJsLayout.Nchw ? TfJsShapes.NhwcToNchwAxis[d] : d;
            pads[onnxAxis] = paddings[2 * d];
            pads[rank + onnxAxis] = paddings[(2 * d) + 1];
            shape[d] = x.Shape[d] + paddings[2 * d] + paddings[(2 * d) + 1];
        }

        var inputs = new List<string> { ctx.In(x, layout, node), ctx.Int64s(ctx.Hint(node) + "/pads", pads) };
        if (constant is float c)
        {
            inputs.Add(ctx.Scalar(c));
        }

        string output = ctx.Emit("Pad", node, inputs, OnnxAttribute.String("mode", mode));
        ctx.Set(node, TfJsTensor.Value(output, layout, shape));
    }
}
