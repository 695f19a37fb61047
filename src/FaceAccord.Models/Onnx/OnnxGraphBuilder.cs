using System.Runtime.InteropServices;
using FaceAccord.Models.Onnx.Proto;
using Google.Protobuf;

namespace FaceAccord.Models.Onnx;

/// <summary>
/// Writes ONNX graphs from code. Both model converters (TF.js graphs and the dlib ResNet built from
/// its published architecture) emit through this one builder, so opset, naming and initializer
/// encoding are decided in one place.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX operator set every converted model targets.</summary>
    public const int OpsetVersion = 17;

    private const long IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Returns a tensor name not used before in this graph, derived from <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        string name = hint;
        while (!_names.Add(name))
        {
            name = $"{hint}__{++_counter}";
        }

        return name;
    }

    /// <summary>Declares a float graph input; a null or non-positive dimension is symbolic (e.g. batch).</summary>
    public string AddInput(string name, params long?[] shape)
    {
        _names.Add(name);
        _graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, shape));
        return name;
    }

    /// <summary>Declares a float graph output produced by an existing tensor.</summary>
    public void AddOutput(string name, params long?[] shape) =>
        _graph.Output.Add(ValueInfo(name, TensorProto.Types.DataType.Float, shape));

    /// <summary>Adds a float32 initializer (weights) and returns its name.</summary>
    public string AddInitializer(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        CheckCount(values.Length, dims);
        var t = new TensorProto { Name = UniqueName(hint), DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes, pads) and returns its name.</summary>
    public string AddInt64Initializer(string hint, ReadOnlySpan<long> values, params long[] dims)
    {
        CheckCount(values.Length, dims);
        var t = new TensorProto { Name = UniqueName(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds a 1-D int64 initializer.</summary>
    public string AddInt64Vector(string hint, params long[] values) =>
        AddInt64Initializer(hint, values, values.Length);

    /// <summary>Adds a scalar float initializer.</summary>
    public string AddScalar(string hint, float value) => AddInitializer(hint, [value]);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string AddNode(string opType, string outputHint, IEnumerable<string> inputs, params OnnxAttribute[] attributes) =>
        AddNode(opType, [outputHint], inputs, attributes)[0];

    /// <summary>Adds a node with several outputs and returns their names.</summary>
    public string[] AddNode(string opType, IReadOnlyList<string> outputHints, IEnumerable<string> inputs, params OnnxAttribute[] attributes)
    {
        var node = new NodeProto { OpType = opType };
        node.Input.AddRange(inputs);
        var outputs = outputHints.Select(UniqueName).ToArray();
        node.Output.AddRange(outputs);
        node.Name = outputs[0];
        foreach (var a in attributes)
        {
            node.Attribute.Add(a.ToProto());
        }

        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Serialises the model with provenance metadata.</summary>
    public byte[] ToBytes(string docString, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "FaceAccord",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        if (metadata is not null)
        {
            foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
            }
        }

        return model.ToByteArray();
    }

    private static void CheckCount(int count, long[] dims)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"Initializer has {count} values but its shape [{string.Join(",", dims)}] holds {expected}.");
        }
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] shape)
    {
        var tensorShape = new TensorShapeProto();
        for (int i = 0; i < shape.Length; i++)
        {
            var d = new TensorShapeProto.Types.Dimension();
            if (shape[i] is long v && v > 0)
            {
                d.DimValue = v;
            }
            else
            {
                d.DimParam = i == 0 ? "batch" : $"d{i}";
            }

            tensorShape.Dim.Add(d);
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
