using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// The <c>fused_ops</c> of TF's _FusedConv2D, FusedDepthwiseConv2dNative and _FusedMatMul: a BiasAdd
/// followed by at most one activation, exactly the combinations TF.js executes. Parsed once, applied
/// after the ONNX Conv/Gemm so the activation sees the biased value, as in TF.
/// </summary>
internal sealed class TfJsFusedActivation
{
    private TfJsFusedActivation(string? activation, float leakyAlpha)
    {
        Activation = activation;
        LeakyAlpha = leakyAlpha;
    }

    /// <summary>Lower-case activation name (relu, relu6, elu, sigmoid, leakyrelu, prelu) or null for none.</summary>
    public string? Activation { get; }

    public float LeakyAlpha { get; }

    /// <summary>Reads <c>fused_ops</c>/<c>num_args</c>; the bias is data input 2 and a PReLU alpha input 3.</summary>
    public static TfJsFusedActivation Parse(TfJsNode node)
    {
        var ops = node.GetStrings("fused_ops") ?? [];
        if (ops.Length == 0 || ops.Length > 2 || !string.Equals(ops[0], "BiasAdd", StringComparison.Ordinal))
        {
            throw TfJsConversionContext.Unsupported(node, $"fused_ops [{string.Join(",", ops)}] is not supported (expected BiasAdd and at most one activation).");
        }

        string? activation = ops.Length == 2 ? ops[1].ToLowerInvariant() : null;
        if (activation is not (null or "relu" or "relu6" or "elu" or "sigmoid" or "leakyrelu" or "prelu"))
        {
            throw TfJsConversionContext.Unsupported(node, $"the fused activation '{ops[1]}' is not supported.");
        }

        long expectedArgs = activation == "prelu" ? 2 : 1;
        long numArgs = node.GetInt("num_args") ?? expectedArgs;
        if (numArgs != expectedArgs)
        {
            throw TfJsConversionContext.Unsupported(node, $"num_args is {numArgs} but fused_ops [{string.Join(",", ops)}] needs {expectedArgs}.");
        }

        return new TfJsFusedActivation(activation, node.GetFloat("leakyrelu_alpha") ?? 0.2f);
    }

    /// <summary>Appends the activation to <paramref name="value"/> (laid out as <paramref name="layout"/>) and returns the result.</summary>
    public string Apply(TfJsConversionContext ctx, TfJsNode node, string value, TfJsLayout layout)
    {
        return Activation switch
        {
            null => value,
            "relu" => ctx.Emit("Relu", node, [value]),
            "relu6" => ctx.Emit("Clip", node, [value, ctx.Scalar(0f), ctx.Scalar(6f)]),
            "elu" => ctx.Emit("Elu", node, [value], OnnxAttribute.Float("alpha", 1f)),
            "sigmoid" => ctx.Emit("Sigmoid", node, [value]),
            "leakyrelu" => ctx.Emit("LeakyRelu", node, [value], OnnxAttribute.Float("alpha", LeakyAlpha)),
            _ => ctx.Emit("PRelu", node, [value, ctx.Operand(ctx.Input(node, 3), layout, node)]),
        };
    }
}
