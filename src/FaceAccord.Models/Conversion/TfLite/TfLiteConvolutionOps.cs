using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// CONV_2D and DEPTHWISE_CONV_2D as ONNX Conv on NCHW data: TFLite's OHWI filters become OIHW, the
/// depthwise [1,H,W,C·M] filter (TF's H·W·C·M order) a grouped convolution with C groups, and the
/// padding explicit pads; the fused activation follows the biased result, as in TFLite.
/// </summary>
internal static class TfLiteConvolutionOps
{
    public const byte Conv2DOptions = 1;
    public const byte DepthwiseConv2DOptions = 2;

    public static void Conv2D(TfLiteOperator op, TfLiteConversionContext ctx)
    {
        // Conv2DOptions: padding, stride_w, stride_h, fused_activation_function, dilation_w_factor, dilation_h_factor.
        var options = TfLiteConversionContext.RequiredOptions(op, Conv2DOptions);
        var activation = TfLiteFusedActivation.Read(op, options, 3);
        var x = ctx.Input(op, 0);
        var filter = Filter(op, ctx, x);
        int cout = filter.Shape[0], kh = filter.Shape[1], kw = filter.Shape[2], cinPerGroup = filter.Shape[3];
        int cin = x.Shape[3];
        if (cinPerGroup == 0 || cin % cinPerGroup != 0 || cout % (cin / cinPerGroup) != 0)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the input has {cin} channels but the filter [{TfLiteConversionContext.Format(filter.Shape)}] reads {cinPerGroup} per group.");
        }

        int groups = cin / cinPerGroup;
        var weights = OhwiToOihw(filter.Floats!, cout, kh, kw, cinPerGroup);
        Emit(op, ctx, x, activation, options, slots: (0, 1, 2, 4, 5), kh, kw, cout, groups, weights, [cout, cinPerGroup, kh, kw]);
    }

    public static void Depthwise(TfLiteOperator op, TfLiteConversionContext ctx)
    {
        // DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, fused_activation_function, dilation_w_factor, dilation_h_factor.
        var options = TfLiteConversionContext.RequiredOptions(op, DepthwiseConv2DOptions);
        var activation = TfLiteFusedActivation.Read(op, options, 4);
        var x = ctx.Input(op, 0);
        var filter = Filter(op, ctx, x);
        int kh = filter.Shape[1], kw = filter.Shape[2], cout = filter.Shape[3];
        int cin = x.Shape[3];
        int declared = options.Int32(3);
        if (filter.Shape[0] != 1 || cin == 0 || cout % cin != 0 || (declared != 0 && declared * cin != cout))
        {
            throw TfLiteConversionContext.InvalidShape(
                op, $"the filter [{TfLiteConversionContext.Format(filter.Shape)}] does not fit {cin} input channels with depth multiplier {declared}.");
        }

        var weights = TfJsConvolutionOps.DepthwiseToGrouped(filter.Floats!, kh, kw, cin, cout / cin);
        Emit(op, ctx, x, activation, options, slots: (0, 1, 2, 5, 6), kh, kw, cout, cin, weights, [cout, 1, kh, kw]);
    }

    /// <summary>TFLite OHWI [out,kh,kw,in] to ONNX OIHW [out,in,kh,kw].</summary>
    public static float[] OhwiToOihw(ReadOnlySpan<float> w, int cout, int kh, int kw, int cin)
    {
        var result = new float[w.Length];
        for (int o = 0; o < cout; o++)
        {
            for (int y = 0; y < kh; y++)
            {
                for (int x = 0; x < kw; x++)
                {
                    int src = (((o * kh) + y) * kw + x) * cin;
                    for (int i = 0; i < cin; i++)
                    {
                        result[(((o * cin) + i) * kh + y) * kw + x] = w[src + i];
                    }
                }
            }
        }

        return result;
    }

    private static TfJsConstant Filter(TfLiteOperator op, TfLiteConversionContext ctx, TfLiteValue x)
    {
        if (x.Rank != 4)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the input must be NHWC (rank 4), got [{TfLiteConversionContext.Format(x.Shape)}].");
        }

        var filter = ctx.ConstantInput(op, 1, "filter");
        if (filter.Rank != 4 || filter.Floats is null)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the filter must be a rank-4 FLOAT32 constant, got [{TfLiteConversionContext.Format(filter.Shape)}].");
        }

        return filter;
    }

    private static void Emit(
        TfLiteOperator op, TfLiteConversionContext ctx, TfLiteValue x, TfLiteFusedActivation activation, FlatBufferTable options,
        (int Padding, int StrideW, int StrideH, int DilationW, int DilationH) slots,
        int kh, int kw, int cout, int groups, float[] weights, long[] weightShape)
    {
        var (attributes, oh, ow) = TfLiteWindow.Attributes(
            op, options.UInt8(slots.Padding), x.Shape[1], x.Shape[2], kh, kw,
            options.Int32(slots.StrideH), options.Int32(slots.StrideW), options.Int32(slots.DilationH, 1), options.Int32(slots.DilationW, 1));
        attributes.Add(OnnxAttribute.Int("group", groups));

        string hint = ctx.Hint(ctx.OutputTensor(op));
        var inputs = new List<string> { ctx.Nchw(x, op), ctx.Builder.AddInitializer(hint + "/weights", weights, weightShape) };
        if (TfLiteConversionContext.HasInput(op, 2))
        {
            var bias = ctx.ConstantInput(op, 2, "bias");
            if (bias.Floats is null || bias.Count != cout)
            {
                throw TfLiteConversionContext.InvalidShape(op, $"the bias [{TfLiteConversionContext.Format(bias.Shape)}] must hold {cout} FLOAT32 values.");
            }

            inputs.Add(ctx.Builder.AddInitializer(hint + "/bias", bias.Floats, cout));
        }

        string output = ctx.Emit("Conv", op, inputs, [.. attributes]);
        ctx.Set(op, TfLiteValue.Of(activation.Apply(ctx, op, output), TfJsLayout.Nchw, [x.Shape[0], oh, ow, cout], x.Batched));
    }
}
