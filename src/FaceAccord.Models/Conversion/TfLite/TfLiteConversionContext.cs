using System.Runtime.InteropServices;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// The state of one TFLite conversion: converted tensors by index, constants read from their buffers on
/// first use, and the layout moves (NHWC ⇄ NCHW) every op needs, done once per tensor. TFLite shares
/// TF's NHWC axis order, so the TF.js converter's constant and layout helpers serve here unchanged.
/// </summary>
internal sealed class TfLiteConversionContext
{
    private readonly TfLiteValue?[] _values;
    private readonly HashSet<string> _reserved;
    private readonly Dictionary<float, string> _scalars = [];

    public TfLiteConversionContext(OnnxGraphBuilder builder, TfLiteModel model, int? batch, IEnumerable<string> reservedNames)
    {
        Builder = builder;
        Model = model;
        Batch = batch;
        _values = new TfLiteValue?[model.Tensors.Count];
        _reserved = new HashSet<string>(reservedNames, StringComparer.Ordinal);
    }

    public OnnxGraphBuilder Builder { get; }

    public TfLiteModel Model { get; }

    /// <summary>The batch the model fixes, when the conversion makes it symbolic; null keeps every shape as declared.</summary>
    public int? Batch { get; }

    public bool DynamicBatch => Batch is not null;

    public static FaceAccordException Unsupported(TfLiteOperator op, string reason) =>
        FaceAccordException.BadInput("unsupported-op", $"{op}: {reason}");

    public static FaceAccordException InvalidShape(TfLiteOperator op, string reason) =>
        FaceAccordException.BadInput("invalid-shape", $"{op}: {reason}");

    public static string Format(IEnumerable<int> shape) => string.Join(",", shape);

    public static bool HasInput(TfLiteOperator op, int index) => index < op.Inputs.Count && op.Inputs[index] >= 0;

    public TfLiteTensor InputTensor(TfLiteOperator op, int index) =>
        HasInput(op, index)
            ? Model.Tensors[op.Inputs[index]]
            : throw FaceAccordException.BadInput("invalid-tflite", $"{op} has {op.Inputs.Count} inputs; input {index} is missing.");

    public TfLiteTensor OutputTensor(TfLiteOperator op, int index = 0) =>
        index < op.Outputs.Count
            ? Model.Tensors[op.Outputs[index]]
            : throw FaceAccordException.BadInput("invalid-tflite", $"{op} has {op.Outputs.Count} outputs; output {index} is missing.");

    public TfLiteValue Input(TfLiteOperator op, int index) => Get(InputTensor(op, index), op);

    /// <summary>An input that must be known at conversion time (weights, biases, shapes).</summary>
    public TfJsConstant ConstantInput(TfLiteOperator op, int index, string role) =>
        Input(op, index).Constant ?? throw Unsupported(op, $"the {role} {InputTensor(op, index)} must be a constant.");

    /// <summary>The converted value of a tensor; constants are read from their buffer on first use.</summary>
    public TfLiteValue Get(TfLiteTensor tensor, TfLiteOperator? consumer)
    {
        if (_values[tensor.Index] is { } value)
        {
            return value;
        }

        if (!tensor.IsConstant)
        {
            throw FaceAccordException.BadInput(
                "invalid-tflite", $"{consumer?.ToString() ?? "An output"} reads tensor {tensor}, which no earlier operator produces and which is neither an input nor a constant.");
        }

        value = TfLiteValue.Of(ConstantOf(tensor));
        _values[tensor.Index] = value;
        return value;
    }

    public void SetInput(TfLiteTensor tensor, TfLiteValue value) => _values[tensor.Index] = value;

    /// <summary>Records an operator's output after checking it against the shape the file declares for it.</summary>
    public void Set(TfLiteOperator op, TfLiteValue value, int output = 0)
    {
        var tensor = OutputTensor(op, output);
        if (!tensor.Shape.SequenceEqual(value.Shape))
        {
            throw FaceAccordException.BadInput(
                "invalid-tflite", $"{op}: the output {tensor} does not have the shape [{Format(value.Shape)}] its inputs give.");
        }

        if (_values[tensor.Index] is not null || tensor.IsConstant)
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"{op} writes tensor {tensor}, which already has a value.");
        }

        _values[tensor.Index] = value;
    }

    /// <summary>The builtin options table, checked to be of the type the op reads; null when the op has none.</summary>
    public static FlatBufferTable? Options(TfLiteOperator op, byte expectedType)
    {
        if (op.OptionsType == 0)
        {
            return null;
        }

        return op.OptionsType == expectedType && op.Options is { } options
            ? options
            : throw FaceAccordException.BadInput(
                "invalid-tflite", $"{op} carries builtin options of union type {op.OptionsType}, not the type {expectedType} this operator reads.");
    }

    /// <summary>Like <see cref="Options"/> for ops whose options have no usable defaults.</summary>
    public static FlatBufferTable RequiredOptions(TfLiteOperator op, byte expectedType) =>
        Options(op, expectedType) ?? throw FaceAccordException.BadInput("invalid-tflite", $"{op} has no builtin options.");

    /// <summary>An ONNX tensor name derived from the TFLite tensor name, kept clear of the graph's interface names.</summary>
    public string Hint(TfLiteTensor tensor) => _reserved.Contains(tensor.Name) ? tensor.Name + "/tfl" : tensor.Name;

    /// <summary>Adds an ONNX node named after the operator's first output and returns its output.</summary>
    public string Emit(string onnxOp, TfLiteOperator op, IEnumerable<string> inputs, params OnnxAttribute[] attributes) =>
        Builder.AddNode(onnxOp, Hint(OutputTensor(op)), inputs, attributes);

    public string Scalar(float value)
    {
        if (!_scalars.TryGetValue(value, out var name))
        {
            name = Builder.AddScalar("const_scalar", value);
            _scalars[value] = name;
        }

        return name;
    }

    /// <summary>Writes a float constant as an initializer with its own shape.</summary>
    public string Materialize(TfJsConstant constant, string hint, TfLiteOperator? user)
    {
        if (constant.Floats is null)
        {
            throw FaceAccordException.BadInput(
                "unsupported-op", $"{user?.ToString() ?? "An output"}: an INT32 tensor is used as data; only FLOAT32 data tensors are supported.");
        }

        return Builder.AddInitializer(hint, constant.Floats, constant.Shape.Select(d => (long)d).ToArray());
    }

    /// <summary>The tensor in TFLite axis order.</summary>
    public string Native(TfLiteValue v, TfLiteOperator? user)
    {
        if (v.Constant is { } c)
        {
            return v.Materialized ??= Materialize(c, "const", user);
        }

        if (v.Layout == TfJsLayout.Native)
        {
            return v.OnnxName!;
        }

        return v.NativeCopy ??= Builder.AddNode("Transpose", v.OnnxName + "/nhwc", [v.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNhwcPerm));
    }

    /// <summary>
    /// A tensor whose elements are in TFLite's row-major order, whatever its ONNX shape, for ops that only
    /// read that order (reshape, flatten): an NCHW tensor with 1×1 or single-channel maps needs no transpose.
    /// </summary>
    public string RowMajor(TfLiteValue v, TfLiteOperator user) =>
        v.Constant is null && v.Layout == TfJsLayout.Nchw && ((v.Shape[1] == 1 && v.Shape[2] == 1) || v.Shape[3] == 1)
            ? v.OnnxName!
            : Native(v, user);

    /// <summary>A rank-4 NHWC tensor as NCHW.</summary>
    public string Nchw(TfLiteValue v, TfLiteOperator user)
    {
        if (v.Rank != 4)
        {
            throw InvalidShape(user, $"expects a rank-4 NHWC input, got shape [{Format(v.Shape)}].");
        }

        if (v.Constant is { } c)
        {
            return v.NchwCopy ??= Materialize(c.ToNchw(), "const_nchw", user);
        }

        if (v.Layout == TfJsLayout.Nchw)
        {
            return v.OnnxName!;
        }

        return v.NchwCopy ??= Builder.AddNode("Transpose", v.OnnxName + "/nchw", [v.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNchwPerm));
    }

    /// <summary>
    /// The layout an elementwise op should run in: NCHW when a rank-4 operand already is NCHW and every
    /// other non-constant operand can follow (rank 4 or a single value); constants always can.
    /// </summary>
    public static TfJsLayout BroadcastLayout(IReadOnlyCollection<TfLiteValue> operands, int outputRank)
    {
        var values = operands.Where(v => v.Constant is null).ToList();
        return outputRank == 4
               && values.Any(v => v.Layout == TfJsLayout.Nchw)
               && values.All(v => v.Rank == 4 || v.Shape.All(d => d == 1))
            ? TfJsLayout.Nchw
            : TfJsLayout.Native;
    }

    /// <summary>An operand of a broadcasting op, arranged so ONNX broadcasting matches TFLite's in <paramref name="layout"/>.</summary>
    public string Operand(TfLiteValue v, TfJsLayout layout, TfLiteOperator user)
    {
        if (layout == TfJsLayout.Native)
        {
            return Native(v, user);
        }

        if (v.Constant is { } c)
        {
            // A per-channel [C] constant must become [1,C,1,1]; a single value broadcasts as it is.
            return c.IsSingleValue ? Native(v, user) : v.NchwCopy ??= Materialize(c.AlignedTo(4).ToNchw(), "const_nchw", user);
        }

        return v.Rank == 4 ? Nchw(v, user) : Native(v, user);
    }

    private static TfJsConstant ConstantOf(TfLiteTensor tensor)
    {
        long count = tensor.ElementCount;
        long expectedBytes = count > long.MaxValue / 4 ? long.MaxValue : count * 4;
        if (tensor.Type is not (TfLiteTensorType.Float32 or TfLiteTensorType.Int32))
        {
            throw FaceAccordException.BadInput("unsupported-tensor-type", $"The constant {tensor} has a type the converter does not read.");
        }

        if (tensor.Data.Length != expectedBytes)
        {
            throw FaceAccordException.BadInput(
                "invalid-tflite", $"The constant {tensor} holds {tensor.Data.Length} bytes, but its shape needs {expectedBytes}.");
        }

        var bytes = tensor.Data.Span;
        int[] shape = [.. tensor.Shape];
        return tensor.Type == TfLiteTensorType.Float32
            ? new TfJsConstant(shape, MemoryMarshal.Cast<byte, float>(bytes).ToArray(), null)
            : new TfJsConstant(shape, null, MemoryMarshal.Cast<byte, int>(bytes).ToArray());
    }
}
