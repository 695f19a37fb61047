namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// ADD, SUB, MUL, DIV and PRELU with NumPy broadcasting, run in NCHW when the data already is (a per-channel
/// constant becomes [1,C,1,1]), with the fused activation after. Under a symbolic batch an operand that
/// fixes axis 0 to the batch size without being batched (a per-sample constant) is refused.
/// </summary>
internal static class TfLiteElementwiseOps
{
    /// <summary>BuiltinOptions union types of the ops (all carry the activation in slot 0).</summary>
    public const byte AddOptions = 11;
    public const byte MulOptions = 21;
    public const byte SubOptions = 28;
    public const byte DivOptions = 29;

    public static TfLiteOpConverter Binary(string onnxOp, byte optionsType) => (op, ctx) =>
    {
        var activation = TfLiteFusedActivation.Read(op, TfLiteConversionContext.Options(op, optionsType), 0);
        var a = ctx.Input(op, 0);
        var b = ctx.Input(op, 1);
        var shape = Broadcast(op, a.Shape, b.Shape);
        bool batched = Batched(op, ctx, shape.Length, a, b);
        var layout = TfLiteConversionContext.BroadcastLayout([a, b]);
        string output = ctx.Emit(onnxOp, op, [ctx.Operand(a, layout, op), ctx.Operand(b, layout, op)]);
        ctx.Set(op, TfLiteValue.Of(activation.Apply(ctx, op, output), layout, shape, batched));
    };

    /// <summary>PRELU(x, alpha) = x where x ≥ 0, alpha·x elsewhere; alpha broadcasts to x (ONNX PRelu's rule).</summary>
    public static void Prelu(TfLiteOperator op, TfLiteConversionContext ctx)
    {
        var x = ctx.Input(op, 0);
        var alpha = ctx.Input(op, 1);
        var shape = Broadcast(op, x.Shape, alpha.Shape);
        if (!shape.SequenceEqual(x.Shape))
        {
            throw TfLiteConversionContext.Unsupported(op, $"alpha [{TfLiteConversionContext.Format(alpha.Shape)}] must broadcast to the input [{TfLiteConversionContext.Format(x.Shape)}].");
        }

        bool batched = Batched(op, ctx, shape.Length, x, alpha);
        var layout = TfLiteConversionContext.BroadcastLayout([x, alpha]);
        string output = ctx.Emit("PRelu", op, [ctx.Operand(x, layout, op), ctx.Operand(alpha, layout, op)]);
        ctx.Set(op, TfLiteValue.Of(output, layout, shape, batched));
    }

    /// <summary>NumPy broadcasting of two static shapes (right-aligned).</summary>
    public static int[] Broadcast(TfLiteOperator op, int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = da == db || db == 1 ? da
                : da == 1 ? db
                : throw TfLiteConversionContext.InvalidShape(
                    op, $"shapes [{TfLiteConversionContext.Format(a)}] and [{TfLiteConversionContext.Format(b)}] do not broadcast ({da} vs {db}).");
        }

        return result;
    }

    /// <summary>
    /// Whether the result carries the batch; refuses, under a symbolic batch, an unbatched operand whose
    /// axis 0 lines up with the batch and is not 1 (its rows would no longer match a batch of another size).
    /// </summary>
    public static bool Batched(TfLiteOperator op, TfLiteConversionContext ctx, int outputRank, params TfLiteValue[] operands)
    {
        bool batched = operands.Any(v => v.Batched && v.Rank == outputRank);
        if (batched && ctx.DynamicBatch)
        {
            foreach (var v in operands.Where(v => !v.Batched && v.Rank == outputRank && v.Shape[0] != 1))
            {
                throw TfLiteConversionContext.Unsupported(
                    op, $"an operand of shape [{TfLiteConversionContext.Format(v.Shape)}] has one row per sample of the fixed batch; convert with a fixed batch.");
            }
        }

        return batched;
    }
}
