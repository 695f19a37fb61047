using FaceAccord.Core;
using FaceAccord.Models.Onnx.Proto;
using Google.Protobuf;

namespace FaceAccord.Models.Onnx;

/// <summary>
/// Takes an ONNX model that a package ships ready-made and makes it fit our pipeline: its one input and
/// outputs are checked against what the recipe expects (a model is recognised by its graph, not its
/// file name), and a batch fixed at 1 at export time becomes symbolic, so faces run in batches.
/// </summary>
public static class OnnxModelImport
{
    private const string Code = "onnx-import-invalid";

    /// <summary>
    /// Checks <paramref name="model"/> and returns it with a symbolic batch: the input and output's first
    /// dimension becomes <c>batch</c> (outputs too), and every Reshape whose constant target shape starts with the fixed
    /// batch 1 copies the batch from its input instead (ONNX's 0, "keep this dimension").
    /// </summary>
    public static byte[] Import(ReadOnlySpan<byte> model, OnnxImportExpectation expected, string docString)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model.ToArray());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FaceAccordException.BadInput(Code, $"The ONNX model is not readable: {e.Message}", e);
        }

        var graph = proto.Graph ?? throw FaceAccordException.BadInput(Code, "The ONNX model has no graph.");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1 || graph.Output.Count != expected.Outputs.Count)
        {
            throw FaceAccordException.BadInput(Code, $"Expected one input and {expected.Outputs.Count} outputs, found {inputs.Count} and {graph.Output.Count}.");
        }

        Check(inputs[0], expected.Input, "input");
        MakeBatchSymbolic(inputs[0]);
        for (int i = 0; i < expected.Outputs.Count; i++)
        {
            Check(graph.Output[i], expected.Outputs[i], "output");
            MakeBatchSymbolic(graph.Output[i]);
        }

        // Shapes recorded for intermediate tensors still say batch 1; ONNX Runtime infers them anyway.
        graph.ValueInfo.Clear();
        foreach (var node in graph.Node.Where(n => n.OpType == "Reshape" && n.Input.Count == 2))
        {
            var producer = graph.Node.FirstOrDefault(n => n.Output.Contains(node.Input[1]));
            if (initializers.TryGetValue(node.Input[1], out var shape))
            {
                KeepBatch(shape, node.Name);
            }
            else if (producer is { OpType: "Constant" } && producer.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } constant)
            {
                KeepBatch(constant, node.Name);
            }
            else
            {
                throw FaceAccordException.BadInput(Code, $"Reshape {node.Name} takes a computed shape; only constant shapes can be made batch-independent.");
            }
        }

        proto.DocString = docString;
        return proto.ToByteArray();
    }

    private static void Check(ValueInfoProto value, OnnxTensorShape expected, string what)
    {
        (string name, var shape) = (expected.Name, expected.Shape);
        var dims = value.Type?.TensorType?.Shape?.Dim;
        long[] actual = dims is null ? [] : [.. dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1)];
        if (value.Name != name || value.Type?.TensorType?.ElemType != (int)TensorProto.Types.DataType.Float ||
            actual.Length != shape.Count || !actual.Skip(1).SequenceEqual(shape.Skip(1)))
        {
            throw FaceAccordException.BadInput(
                Code,
                $"The model's {what} is '{value.Name}' [{string.Join(',', actual)}], not the float '{name}' [batch,{string.Join(',', shape.Skip(1))}] the recipe expects.");
        }
    }

    private static void MakeBatchSymbolic(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimParam = "batch" };

    private static void KeepBatch(TensorProto shape, string node)
    {
        if (shape.DataType != (int)TensorProto.Types.DataType.Int64)
        {
            throw FaceAccordException.BadInput(Code, $"Reshape {node} has a shape of type {shape.DataType}, not int64.");
        }

        long[] values = shape.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(shape.RawData.Span).ToArray()
            : [.. shape.Int64Data];
        if (values.Length == 0 || values[0] != 1)
        {
            return;
        }

        values[0] = 0;
        shape.Int64Data.Clear();
        shape.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
