using FaceAccord.Models.Conversion.TfJs;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// RESHAPE in TFLite element order (an NCHW input is transposed back first unless its maps are 1×1, since
/// a reshape depends on the order of elements). Under a symbolic batch the ONNX shape starts with -1, which is only right when the
/// reshape keeps each sample's elements together; one that moves data across samples is refused.
/// </summary>
internal static class TfLiteReshapeOps
{
    public const byte ReshapeOptions = 17;

    public static void Reshape(TfLiteOperator op, TfLiteConversionContext ctx)
    {
        var x = ctx.Input(op, 0);
        int[] requested = TfLiteConversionContext.HasInput(op, 1)
            ? ctx.ConstantInput(op, 1, "new shape").Ints ?? throw TfLiteConversionContext.Unsupported(op, "the new shape must be an INT32 constant.")
            : TfLiteConversionContext.Options(op, ReshapeOptions)?.Int32s(0, "new_shape")
              ?? throw TfLiteConversionContext.Unsupported(op, "the operator gives no new shape (neither a shape input nor ReshapeOptions.new_shape).");
        int[] shape = Resolve(op, requested, x.Shape);

        long perSample = Product(x.Shape.Skip(1));
        bool batched = x.Batched && shape.Length > 0 && shape[0] == x.Shape[0] && Product(shape.Skip(1)) == perSample;
        if (x.Batched && !batched && ctx.DynamicBatch)
        {
            throw TfLiteConversionContext.Unsupported(
                op, $"reshaping [{TfLiteConversionContext.Format(x.Shape)}] to [{TfLiteConversionContext.Format(shape)}] moves data across the batch; convert with a fixed batch.");
        }

        long[] onnxShape = [.. shape.Select(d => (long)d)];
        if (batched && ctx.DynamicBatch)
        {
            onnxShape[0] = -1;
        }

        string output = ctx.Emit("Reshape", op, [ctx.RowMajor(x, op), ctx.Builder.AddInt64Vector(ctx.Hint(ctx.OutputTensor(op)) + "/shape", onnxShape)]);
        ctx.Set(op, TfLiteValue.Of(output, TfJsLayout.Native, shape, batched));
    }

    /// <summary>The new shape with its one allowed -1 worked out from the element count.</summary>
    private static int[] Resolve(TfLiteOperator op, int[] requested, int[] input)
    {
        long count = Product(input);
        int unknown = Array.IndexOf(requested, -1);
        if (requested.Count(d => d == -1) > 1 || requested.Any(d => d < -1))
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the new shape [{TfLiteConversionContext.Format(requested)}] is not valid.");
        }

        int[] shape = [.. requested];
        long known = Product(requested.Where(d => d != -1));
        if (unknown >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw TfLiteConversionContext.InvalidShape(op, $"[{TfLiteConversionContext.Format(input)}] cannot be reshaped to [{TfLiteConversionContext.Format(requested)}].");
            }

            shape[unknown] = (int)(count / known);
            known = count;
        }

        return known == count
            ? shape
            : throw TfLiteConversionContext.InvalidShape(op, $"[{TfLiteConversionContext.Format(input)}] has {count} elements, [{TfLiteConversionContext.Format(requested)}] holds {known}.");
    }

    private static long Product(IEnumerable<int> dims) => dims.Aggregate(1L, (a, d) => a * d);
}
