using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// TF's padding rules for convolution and pooling windows, computed the way TensorFlow does so the ONNX
/// node gets explicit pads: 'SAME' puts the odd pixel at the end (bottom/right), which differs from a
/// naive symmetric split whenever the total padding is odd (even kernels, stride 2).
/// </summary>
internal static class TfJsPadding
{
    /// <summary>TF 'SAME' for one spatial axis: output = ceil(input / stride), extra padding at the end.</summary>
    public static (long Begin, long End, long Output) Same(long input, long kernel, long stride, long dilation)
    {
        long effective = ((kernel - 1) * dilation) + 1;
        long output = (input + stride - 1) / stride;
        long total = Math.Max(((output - 1) * stride) + effective - input, 0);
        long begin = total / 2;
        return (begin, total - begin, output);
    }

    /// <summary>Output length of a window with explicit padding ('VALID' is zero padding).</summary>
    public static long Output(long input, long begin, long end, long kernel, long stride, long dilation)
    {
        long effective = ((kernel - 1) * dilation) + 1;
        long span = input + begin + end - effective;
        return span < 0 ? 0 : (span / stride) + 1;
    }

    /// <summary>
    /// Reads the node's padding ('SAME', 'VALID' or 'EXPLICIT') and returns the ONNX window attributes with
    /// the output height and width (null where the input size is unknown).
    /// </summary>
    public static (List<OnnxAttribute> Attributes, long? Height, long? Width) Window(
        TfJsNode node, long? inHeight, long? inWidth, long kh, long kw, long sh, long sw, long dh, long dw)
    {
        string padding = node.GetString("padding") ?? "VALID";
        var attributes = new List<OnnxAttribute>();
        switch (padding)
        {
            case "SAME" when inHeight is long h && inWidth is long w:
            {
                var (ht, hb, oh) = Same(h, kh, sh, dh);
                var (wl, wr, ow) = Same(w, kw, sw, dw);
                attributes.Add(OnnxAttribute.Ints("pads", ht, wl, hb, wr));
                return (attributes, oh, ow);
            }

            case "SAME":
                // Unknown spatial size: ONNX's SAME_UPPER is TF's rule evaluated at run time.
                attributes.Add(OnnxAttribute.String("auto_pad", "SAME_UPPER"));
                return (attributes, inHeight is long h2 ? (h2 + sh - 1) / sh : null, inWidth is long w2 ? (w2 + sw - 1) / sw : null);

            case "VALID":
                attributes.Add(OnnxAttribute.Ints("pads", 0, 0, 0, 0));
                return (attributes, OutputOrThrow(node, inHeight, 0, 0, kh, sh, dh), OutputOrThrow(node, inWidth, 0, 0, kw, sw, dw));

            case "EXPLICIT":
            {
                var p = node.GetInts("explicit_paddings") ?? [];
                if (p.Length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0)
                {
                    throw FaceAccordException.BadInput("unsupported-op", $"{node}: explicit_paddings must pad only height and width (NHWC), got [{string.Join(",", p)}].");
                }

                attributes.Add(OnnxAttribute.Ints("pads", p[2], p[4], p[3], p[5]));
                return (attributes, OutputOrThrow(node, inHeight, p[2], p[3], kh, sh, dh), OutputOrThrow(node, inWidth, p[4], p[5], kw, sw, dw));
            }

            default:
                throw FaceAccordException.BadInput("unsupported-op", $"{node}: padding '{padding}' is not supported.");
        }
    }

    private static long? OutputOrThrow(TfJsNode node, long? input, long begin, long end, long kernel, long stride, long dilation)
    {
        if (input is not long i)
        {
            return null;
        }

        long o = Output(i, begin, end, kernel, stride, dilation);
        return o > 0
            ? o
            : throw FaceAccordException.BadInput("invalid-shape", $"{node}: a window of {kernel} (dilation {dilation}) does not fit an input of {i}.");
    }
}
