namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// TFLite's ActivationFunctionType, which most arithmetic and window ops apply to their result
/// (<c>fused_activation_function</c>) as a clamp: RELU, RELU6 and RELU_N1_TO_1. TFLite's kernels silently
/// ignore a fused TANH or SIGN_BIT, so a model carrying one means something other than it says: refused.
/// Read before anything is emitted so a refusal comes first.
/// </summary>
internal readonly struct TfLiteFusedActivation
{
    private const byte None = 0;
    private const byte Relu = 1;
    private const byte ReluN1To1 = 2;
    private const byte Relu6 = 3;

    private readonly byte _code;

    private TfLiteFusedActivation(byte code) => _code = code;

    /// <summary>Reads the activation at <paramref name="slot"/> of the options table (NONE when the op has no options).</summary>
    public static TfLiteFusedActivation Read(TfLiteOperator op, FlatBufferTable? options, int slot)
    {
        byte code = options?.UInt8(slot) ?? None;
        return code <= Relu6
            ? new TfLiteFusedActivation(code)
            : throw TfLiteConversionContext.Unsupported(
                op, $"the fused activation {code switch { 4 => "TANH", 5 => "SIGN_BIT", _ => $"type {code}" }} is not supported (TFLite's kernels do not apply it).");
    }

    /// <summary>Appends the activation to <paramref name="value"/> and returns the result (layout does not matter: it is elementwise).</summary>
    public string Apply(TfLiteConversionContext ctx, TfLiteOperator op, string value) => _code switch
    {
        Relu => ctx.Emit("Relu", op, [value]),
        ReluN1To1 => ctx.Emit("Clip", op, [value, ctx.Scalar(-1f), ctx.Scalar(1f)]),
        Relu6 => ctx.Emit("Clip", op, [value, ctx.Scalar(0f), ctx.Scalar(6f)]),
        _ => value,
    };
}
