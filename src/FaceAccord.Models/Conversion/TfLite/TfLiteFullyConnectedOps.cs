using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// FULLY_CONNECTED: TFLite flattens the input to rows of the weights' input size and multiplies by the
/// [out,in] weights (ONNX Gemm with transB), or keeps the leading dimensions (keep_num_dims, ONNX MatMul);
/// bias and fused activation follow. Only the DEFAULT weights format of FLOAT32 constants is read.
/// </summary>
internal static class TfLiteFullyConnectedOps
{
    public const byte FullyConnectedOptions = 8;

    public static void FullyConnected(TfLiteOperator op, TfLiteConversionContext ctx)
    {
        // FullyConnectedOptions: fused_activation_function, weights_format, keep_num_dims, asymmetric_quantize_inputs.
        var options = TfLiteConversionContext.Options(op, FullyConnectedOptions);
        var activation = TfLiteFusedActivation.Read(op, options, 0);
        if (options?.UInt8(1) is byte format and not 0)
        {
            throw TfLiteConversionContext.Unsupported(op, $"weights format {format} is not supported (only DEFAULT).");
        }

        bool keepDims = options?.Bool(2) ?? false;
        var x = ctx.Input(op, 0);
        var weights = ctx.ConstantInput(op, 1, "weights");
        if (weights.Rank != 2 || weights.Floats is null)
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the weights must be a rank-2 FLOAT32 constant, got [{TfLiteConversionContext.Format(weights.Shape)}].");
        }

        int units = weights.Shape[0], depth = weights.Shape[1];
        long count = x.Shape.Aggregate(1L, (a, d) => a * d);
        if (x.Rank == 0 || depth == 0 || count % depth != 0 || (keepDims && x.Shape[^1] != depth))
        {
            throw TfLiteConversionContext.InvalidShape(op, $"the input [{TfLiteConversionContext.Format(x.Shape)}] does not split into rows of {depth}.");
        }

        string hint = ctx.Hint(ctx.OutputTensor(op));
        string? bias = null;
        if (TfLiteConversionContext.HasInput(op, 2))
        {
            var b = ctx.ConstantInput(op, 2, "bias");
            bias = b.Floats is not null && b.Count == units
                ? ctx.Builder.AddInitializer(hint + "/bias", b.Floats, units)
                : throw TfLiteConversionContext.InvalidShape(op, $"the bias [{TfLiteConversionContext.Format(b.Shape)}] must hold {units} FLOAT32 values.");
        }

        string input = keepDims || x.Rank == 2 ? ctx.Native(x, op) : ctx.RowMajor(x, op);
        string output;
        int[] shape;
        bool batched;
        if (keepDims)
        {
            var transposed = new float[weights.Count];
            for (int o = 0; o < units; o++)
            {
                for (int i = 0; i < depth; i++)
                {
                    transposed[(i * units) + o] = weights.Floats[(o * depth) + i];
                }
            }

            output = ctx.Emit("MatMul", op, [input, ctx.Builder.AddInitializer(hint + "/weights", transposed, depth, units)]);
            output = bias is null ? output : ctx.Emit("Add", op, [output, bias]);
            shape = [.. x.Shape[..^1], units];
            batched = x.Batched && x.Rank > 1;
        }
        else
        {
            int rows = (int)(count / depth);
            batched = x.Batched && (x.Rank == 2 || rows == x.Shape[0]);
            if (x.Batched && !batched && ctx.DynamicBatch)
            {
                throw TfLiteConversionContext.Unsupported(
                    op, $"flattening [{TfLiteConversionContext.Format(x.Shape)}] into rows of {depth} mixes samples; convert with a fixed batch.");
            }

            if (x.Rank != 2)
            {
                long leading = batched && ctx.DynamicBatch ? -1 : rows;
                input = ctx.Builder.AddNode("Reshape", hint + "/rows", [input, ctx.Builder.AddInt64Vector(hint + "/rows_shape", leading, depth)]);
            }

            string w = ctx.Builder.AddInitializer(hint + "/weights", weights.Floats, units, depth);
            output = ctx.Emit("Gemm", op, bias is null ? [input, w] : [input, w, bias], OnnxAttribute.Int("transB", 1));
            shape = [rows, units];
        }

        ctx.Set(op, TfLiteValue.Of(activation.Apply(ctx, op, output), TfJsLayout.Native, shape, batched));
    }
}
