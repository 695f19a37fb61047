using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// MaxPool and AvgPool on NCHW data. TF never lets padding win a max nor count toward a mean, which is
/// ONNX MaxPool's behaviour and AveragePool's with count_include_pad = 0.
/// </summary>
internal static class TfJsPoolingOps
{
    public static void MaxPool(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, "MaxPool");

    public static void AvgPool(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, "AveragePool");

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, string onnxOp)
    {
        TfJsConvolutionOps.RequireNhwc(node);
        var x = ctx.Input(node, 0);
        var (kh, kw) = TfJsConvolutionOps.SpatialPair(node, "ksize");
        var (sh, sw) = TfJsConvolutionOps.SpatialPair(node, "strides");
        string input = ctx.Nchw(x, node);
        var (attributes, oh, ow) = TfJsPadding.Window(node, x.Shape[1], x.Shape[2], kh, kw, sh, sw, 1, 1);
        attributes.Add(OnnxAttribute.Ints("kernel_shape", kh, kw));
        attributes.Add(OnnxAttribute.Ints("strides", sh, sw));
        if (onnxOp == "AveragePool")
        {
            attributes.Add(OnnxAttribute.Int("count_include_pad", 0));
        }

        string output = ctx.Emit(onnxOp, node, [input], [.. attributes]);
        ctx.Set(node, TfJsTensor.Value(output, TfJsLayout.Nchw, [x.Shape[0], oh, ow, x.Shape[3]]));
    }
}
