using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// AVERAGE_POOL_2D and MAX_POOL_2D on NCHW data. TFLite never lets padding win a max nor count toward a
/// mean, which is ONNX MaxPool's behaviour and AveragePool's with count_include_pad = 0.
/// </summary>
internal static class TfLitePoolingOps
{
    public const byte Pool2DOptions = 5;

    public static void MaxPool(TfLiteOperator op, TfLiteConversionContext ctx) => Convert(op, ctx, "MaxPool");

    public static void AveragePool(TfLiteOperator op, TfLiteConversionContext ctx) => Convert(op, ctx, "AveragePool");

    private static void Convert(TfLiteOperator op, TfLiteConversionContext ctx, string onnxOp)
    {
        // Pool2DOptions: padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function.
        var options = TfLiteConversionContext.RequiredOptions(op, Pool2DOptions);
        var activation = TfLiteFusedActivation.Read(op, options, 5);
        var x = ctx.Input(op, 0);
        if (x.Rank != 4)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the input must be NHWC (rank 4), got [{TfLiteConversionContext.Format(x.Shape)}].");
        }

        var (attributes, oh, ow) = TfLiteWindow.Attributes(
            op, options.UInt8(0), x.Shape[1], x.Shape[2], options.Int32(4), options.Int32(3), options.Int32(2), options.Int32(1), 1, 1);
        if (onnxOp == "AveragePool")
        {
            attributes.Add(OnnxAttribute.Int("count_include_pad", 0));
        }

        string output = ctx.Emit(onnxOp, op, [ctx.Nchw(x, op)], [.. attributes]);
        ctx.Set(op, TfLiteValue.Of(activation.Apply(ctx, op, output), TfJsLayout.Nchw, [x.Shape[0], oh, ow, x.Shape[3]], x.Batched));
    }
}
