using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// ConcatV2 (values, then the axis). Inputs join in NCHW when a rank-4 input already is, with
/// the TF axis mapped to its NCHW position; otherwise in TF order.
/// </summary>
internal static class TfJsConcatOps
{
    public static void ConcatV2(TfJsNode node, TfJsConversionContext ctx)
    {
        int axisIndex = TfJsConversionContext.InputCount(node) - 1;
        var values = Enumerable.Range(0, axisIndex).Select(i => ctx.Input(node, i)).ToList();
        var axisValues = ctx.ConstantInput(node, axisIndex, "axis").RequireInts(node, "axis");
        if (values.Count == 0 || axisValues.Length != 1)
        {
            throw FaceAccordException.BadInput("invalid-model-json", $"{node}: needs at least one value and a scalar axis.");
        }

        int rank = values[0].Rank;
        if (values.Any(v => v.Rank != rank))
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: all inputs must have rank {rank}.");
        }

        int axis = TfJsShapes.NormalizeAxes(axisValues, rank, node)[0];
        var shape = new long?[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = d == axis
                ? (values.All(v => v.Shape[d] is not null) ? values.Sum(v => v.Shape[d]!.Value) : null)
                : values.Select(v => v.Shape[d]).FirstOrDefault(s => s is not null);
        }

        if (values.Count == 1)
        {
            ctx.Set(node, values[0]);
            return;
        }

        var layout = TfJsConversionContext.BroadcastLayout(values);
        var inputs = values.Select(v => layout == TfJsLayout.Nchw ? ctx.Nchw(v, node) : ctx.Native(v, node)).ToList();
        long onnxAxis = layout == TfJsLayout.Nchw ? TfJsShapes.NhwcToNchwAxis[axis] : axis;
        string output = ctx.Emit("Concat", node, inputs, OnnxAttribute.Int("axis", onnxAxis));
        ctx.Set(node, TfJsTensor.Value(output, layout, shape));
    }
}
