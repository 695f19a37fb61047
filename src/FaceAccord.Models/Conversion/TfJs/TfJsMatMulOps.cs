using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// MatMul and _FusedMatMul on rank-2 tensors as ONNX Gemm, which carries TF's transpose flags and the
/// fused bias in one node; a fused activation follows it.
/// </summary>
internal static class TfJsMatMulOps
{
    public static void MatMul(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, fused: false);

    public static void FusedMatMul(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, fused: true);

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, bool fused)
    {
        var a = ctx.Input(node, 0);
        var b = ctx.Input(node, 1);
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw TfJsConversionContext.Unsupported(node, $"only rank-2 operands are supported, got [{TfJsShapes.Format(a.Shape)}] x [{TfJsShapes.Format(b.Shape)}].");
        }

        bool transA = node.GetBool("transpose_a") ?? false;
        bool transB = node.GetBool("transpose_b") ?? false;
        long? m = a.Shape[transA ? 1 : 0];
        long? k = a.Shape[transA ? 0 : 1];
        long? kb = b.Shape[transB ? 1 : 0];
        long? n = b.Shape[transB ? 0 : 1];
        if (k is long k1 && kb is long k2 && k1 != k2)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: inner dimensions {k1} and {k2} differ.");
        }

        var inputs = new List<string> { ctx.Native(a, node), ctx.Native(b, node) };
        TfJsFusedActivation? activation = null;
        if (fused)
        {
            activation = TfJsFusedActivation.Parse(node);
            var bias = ctx.Input(node, 2);
            if (bias.Rank != 1)
            {
                throw FaceAccordException.BadInput("invalid-shape", $"{node}: the bias must be a vector.");
            }

            inputs.Add(ctx.Native(bias, node));
        }

        string output = ctx.Emit(
            "Gemm", node, inputs, OnnxAttribute.Int("transA", transA ? 1 : 0), OnnxAttribute.Int("transB", transB ? 1 : 0));
        if (activation is not null)
        {
            output = activation.Apply(ctx, node, output, TfJsLayout.Native);
        }

        ctx.Set(node, TfJsTensor.Value(output, TfJsLayout.Native, [m, n]));
    }
}
