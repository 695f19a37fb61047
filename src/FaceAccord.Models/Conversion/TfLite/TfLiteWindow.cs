using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// The sliding window of CONV_2D, DEPTHWISE_CONV_2D and the pooling ops: TFLite's Padding enum (SAME,
/// VALID) turned into explicit ONNX pads with TF's rule (the odd pixel at the end), plus strides and
/// dilations, all checked before any node is written.
/// </summary>
internal static class TfLiteWindow
{
    private const byte Same = 0;
    private const byte Valid = 1;

    /// <summary>Returns the ONNX window attributes and the output height and width.</summary>
    public static (List<OnnxAttribute> Attributes, int Height, int Width) Attributes(
        TfLiteOperator op, byte padding, int inHeight, int inWidth, int kh, int kw, int sh, int sw, int dh, int dw)
    {
        if (sh < 1 || sw < 1 || dh < 1 || dw < 1 || kh < 1 || kw < 1)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the window {kh}x{kw}, strides {sh}x{sw} and dilations {dh}x{dw} must all be positive.");
        }

        long top, bottom, left, right, oh, ow;
        switch (padding)
        {
            case Same:
                (top, bottom, oh) = TfJsPadding.Same(inHeight, kh, sh, dh);
                (left, right, ow) = TfJsPadding.Same(inWidth, kw, sw, dw);
                break;
            case Valid:
                (top, bottom, left, right) = (0, 0, 0, 0);
                oh = TfJsPadding.Output(inHeight, 0, 0, kh, sh, dh);
                ow = TfJsPadding.Output(inWidth, 0, 0, kw, sw, dw);
                break;
            default:
                throw TfLiteConversionContext.Unsupported(op, $"padding type {padding} is not supported (only SAME and VALID).");
        }

        if (oh < 1 || ow < 1)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"a {kh}x{kw} window (dilations {dh}x{dw}) does not fit a {inHeight}x{inWidth} input.");
        }

        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("kernel_shape", kh, kw),
            OnnxAttribute.Ints("strides", sh, sw),
            OnnxAttribute.Ints("pads", top, left, bottom, right),
        };
        if (dh != 1 || dw != 1)
        {
            attributes.Add(OnnxAttribute.Ints("dilations", dh, dw));
        }

        return (attributes, (int)oh, (int)ow);
    }
}
