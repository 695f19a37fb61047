using System.Runtime.InteropServices;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// The state of one TFLite conversion: converted tensors by index, constants read from their buffers on
/// first use, and the layout moves (NHWC ⇄ NCHW) every op needs, done once per tensor. TFLite shares
/// TF's NHWC axis order, so the TF.js converter's constants and layout moves serve here unchanged.
/// </summary>
internal sealed class TfLiteConversionContext
{
    private readonly TfLiteValue?[] _values;
    private readonly HashSet<string> _reserved;
    private readonly TfJsLayoutMoves _moves;

    public TfLiteConversionContext(OnnxGraphBuilder builder, TfLiteModel model, int? batch, IEnumerable<string> reservedNames)
    {
        Builder = builder;
        _moves = new TfJsLayoutMoves(builder);
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

    public string Scalar(float value) => _moves.Scalar(value);

    /// <summary>The tensor in TFLite axis order.</summary>
    public string Native(TfLiteValue v, TfLiteOperator? user) => _moves.Native(v.Tensor, user);

    /// <summary>
    /// A tensor whose elements are in TFLite's row-major order, whatever its ONNX shape, for ops that only
    /// read that order (reshape, flatten): an NCHW tensor with 1×1 or single-channel maps needs no transpose.
    /// </summary>
    public string RowMajor(TfLiteValue v, TfLiteOperator user) =>
        v.Constant is null && v.Layout == TfJsLayout.Nchw && ((v.Shape[1] == 1 && v.Shape[2] == 1) || v.Shape[3] == 1)
            ? v.Tensor.OnnxName!
            : Native(v, user);

    /// <summary>A rank-4 NHWC tensor as NCHW.</summary>
    public string Nchw(TfLiteValue v, TfLiteOperator user) => _moves.Nchw(v.Tensor, user);

    /// <summary>The layout an elementwise op over these operands should run in (see <see cref="TfJsLayoutMoves.BroadcastLayout"/>).</summary>
    public static TfJsLayout BroadcastLayout(IReadOnlyCollection<TfLiteValue> operands) =>
        TfJsLayoutMoves.BroadcastLayout(operands.Select(v => v.Tensor).ToList());

    /// <summary>An operand of a broadcasting op, arranged so ONNX broadcasting matches TFLite's in <paramref name="layout"/>.</summary>
    public string Operand(TfLiteValue v, TfJsLayout layout, TfLiteOperator user) => _moves.Operand(v.Tensor, layout, user);

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
