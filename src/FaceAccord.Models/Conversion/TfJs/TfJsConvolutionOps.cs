using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Conv2D and DepthwiseConv2dNative (plain and fused) as ONNX Conv on NCHW data: TF HWIO filters become
/// OIHW, depthwise HW·C·M filters become a grouped convolution with C groups, and TF's padding rule is
/// written as explicit pads.
/// </summary>
internal static class TfJsConvolutionOps
{
    public static void Conv2D(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, depthwise: false, fused: false);

    public static void FusedConv2D(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, depthwise: false, fused: true);

    public static void Depthwise(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, depthwise: true, fused: false);

    public static void FusedDepthwise(TfJsNode node, TfJsConversionContext ctx) => Convert(node, ctx, depthwise: true, fused: true);

    /// <summary>TF HWIO [kh,kw,in,out] to ONNX OIHW [out,in,kh,kw].</summary>
    public static float[] HwioToOihw(ReadOnlySpan<float> w, int kh, int kw, int cin, int cout)
    {
        var result = new float[w.Length];
        for (int y = 0; y < kh; y++)
        {
            for (int x = 0; x < kw; x++)
            {
                for (int i = 0; i < cin; i++)
                {
                    int src = (((y * kw) + x) * cin + i) * cout;
                    for (int o = 0; o < cout; o++)
                    {
                        result[(((o * cin) + i) * kh + y) * kw + x] = w[src + o];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// TF depthwise [kh,kw,C,M] to ONNX grouped-conv [C·M,1,kh,kw]: TF's output channel c·M+m reads input
    /// channel c, which is exactly group c's m-th output in ONNX.
    /// </summary>
    public static float[] DepthwiseToGrouped(ReadOnlySpan<float> w, int kh, int kw, int channels, int multiplier)
    {
        var result = new float[w.Length];
        for (int y = 0; y < kh; y++)
        {
            for (int x = 0; x < kw; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int m = 0; m < multiplier; m++)
                    {
                        result[(((c * multiplier) + m) * kh + y) * kw + x] = w[(((y * kw) + x) * channels + c) * multiplier + m];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Reads TF's 4-element NHWC strides/dilations, refusing any that act on batch or channels.</summary>
    public static (long H, long W) SpatialPair(TfJsNode node, string attribute)
    {
        var v = node.GetInts(attribute) ?? [1, 1, 1, 1];
        if (v.Length == 0)
        {
            return (1, 1);
        }

        // A zero or negative step has no window arithmetic (it divided by zero before this check).
        if (v.Length != 4 || v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1)
        {
            throw TfJsConversionContext.Unsupported(node, $"{attribute} [{string.Join(",", v)}] must be [1,h,w,1] with h and w at least 1.");
        }

        return (v[1], v[2]);
    }

    public static void RequireNhwc(TfJsNode node)
    {
        string format = node.GetString("data_format") ?? "NHWC";
        if (!string.Equals(format, "NHWC", StringComparison.Ordinal))
        {
            throw TfJsConversionContext.Unsupported(node, $"data_format '{format}' is not supported (only NHWC).");
        }
    }

    private static void Convert(TfJsNode node, TfJsConversionContext ctx, bool depthwise, bool fused)
    {
        RequireNhwc(node);
        var x = ctx.Input(node, 0);
        var filter = ctx.ConstantInput(node, 1, "filter");
        if (filter.Rank != 4)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: the filter has rank {filter.Rank}, not 4.");
        }

        var w = filter.RequireFloats(node, "filter");
        int kh = filter.Shape[0], kw = filter.Shape[1], cin = filter.Shape[2], last = filter.Shape[3];
        if (x.Rank == 4 && x.Shape[3] is long channels && channels != cin)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{node}: the input has {channels} channels but the filter expects {cin}.");
        }

        var (sh, sw) = SpatialPair(node, "strides");
        var (dh, dw) = SpatialPair(node, "dilations");
        string input = ctx.Nchw(x, node);
        var (window, oh, ow) = TfJsPadding.Window(node, x.Shape[1], x.Shape[2], kh, kw, sh, sw, dh, dw);

        int cout = depthwise ? cin * last : last;
        float[] weights = depthwise ? DepthwiseToGrouped(w, kh, kw, cin, last) : HwioToOihw(w, kh, kw, cin, last);
        string weightName = ctx.Builder.AddInitializer(ctx.Hint(node) + "/weights", weights, cout, depthwise ? 1 : cin, kh, kw);
        var inputs = new List<string> { input, weightName };

        TfJsFusedActivation? activation = null;
        if (fused)
        {
            activation = TfJsFusedActivation.Parse(node);
            var bias = ctx.ConstantInput(node, 2, "bias");
            if (bias.Count != cout)
            {
                throw FaceAccordException.BadInput("invalid-shape", $"{node}: the bias has {bias.Count} values for {cout} output channels.");
            }

            inputs.Add(ctx.Builder.AddInitializer(ctx.Hint(node) + "/bias", bias.RequireFloats(node, "bias"), cout));
        }

        window.Add(OnnxAttribute.Ints("kernel_shape", kh, kw));
        window.Add(OnnxAttribute.Ints("strides", sh, sw));
        window.Add(OnnxAttribute.Ints("dilations", dh, dw));
        window.Add(OnnxAttribute.Int("group", depthwise ? cin : 1));
        string output = ctx.Emit("Conv", node, inputs, [.. window]);
        if (activation is not null)
        {
            output = activation.Apply(ctx, node, output, TfJsLayout.Nchw);
        }

        ctx.Set(node, TfJsTensor.Value(output, TfJsLayout.Nchw, [x.Shape[0], oh, ow, cout]));
    }
}
