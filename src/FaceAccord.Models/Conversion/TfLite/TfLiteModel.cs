using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// The parts of a .tflite file the converter reads (the main subgraph's tensors, operators, inputs and
/// outputs, and the constant buffers), read by hand from the FlatBuffers schema so FaceAccord needs no
/// TFLite runtime and every offset is checked.
/// </summary>
public sealed class TfLiteModel
{
    /// <summary>The only schema version the converter reads (TFLite's since 2018).</summary>
    public const uint SchemaVersion = 3;

    private TfLiteModel(uint version, string? description, int subgraphCount, List<TfLiteTensor> tensors, List<TfLiteOperator> operators, int[] inputs, int[] outputs)
    {
        Version = version;
        Description = description;
        SubgraphCount = subgraphCount;
        Tensors = tensors;
        Operators = operators;
        Inputs = inputs;
        Outputs = outputs;
    }

    public uint Version { get; }

    public string? Description { get; }

    /// <summary>How many subgraphs the file has; only the first (the model itself) is converted.</summary>
    public int SubgraphCount { get; }

    public IReadOnlyList<TfLiteTensor> Tensors { get; }

    /// <summary>The main subgraph's operators in execution order.</summary>
    public IReadOnlyList<TfLiteOperator> Operators { get; }

    /// <summary>Indices of the tensors the caller feeds.</summary>
    public IReadOnlyList<int> Inputs { get; }

    /// <summary>Indices of the tensors the model returns.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>The distinct operator names the main subgraph uses, sorted.</summary>
    public IReadOnlyList<string> OperatorNames =>
        Operators.Select(o => o.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static TfLiteModel Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FaceAccordException.BadInput("unreadable-model", $"Cannot read the TFLite file '{path}': {e.Message}", e);
        }

        return Parse(bytes);
    }

    public static TfLiteModel Parse(ReadOnlyMemory<byte> bytes)
    {
        var reader = new FlatBufferReader(bytes);
        if (reader.Identifier() != "TFL3")
        {
            throw FaceAccordException.BadInput(
                "invalid-tflite", $"This is not a TFLite model: the file identifier is {(reader.Identifier() is { } id ? $"'{Printable(id)}'" : "missing")}, not 'TFL3'.");
        }

        var model = reader.Root("Model");
        uint version = model.UInt32(0);
        if (version != SchemaVersion)
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"The TFLite schema version is {version}; only version {SchemaVersion} is supported.");
        }

        var codes = model.Tables(1, "operator_codes", "OperatorCode").Select(ReadCode).ToList();
        var subgraphs = model.Tables(2, "subgraphs", "SubGraph");
        if (subgraphs.Count == 0)
        {
            throw FaceAccordException.BadInput("invalid-tflite", "The TFLite file has no subgraph.");
        }

        var buffers = model.Tables(4, "buffers", "Buffer");
        var subgraph = subgraphs[0];
        var tensorTables = subgraph.Tables(0, "tensors", "Tensor");
        var tensors = new List<TfLiteTensor>(tensorTables.Count);
        for (int i = 0; i < tensorTables.Count; i++)
        {
            tensors.Add(ReadTensor(i, tensorTables[i], buffers, bytes, reader));
        }

        var operatorTables = subgraph.Tables(3, "operators", "Operator");
        var operators = new List<TfLiteOperator>(operatorTables.Count);
        for (int i = 0; i < operatorTables.Count; i++)
        {
            operators.Add(ReadOperator(i, operatorTables[i], codes, tensors.Count));
        }

        int[] inputs = subgraph.Int32s(1, "inputs");
        int[] outputs = subgraph.Int32s(2, "outputs");
        CheckIndices(inputs, tensors.Count, "The subgraph's input list");
        CheckIndices(outputs, tensors.Count, "The subgraph's output list");
        return new TfLiteModel(version, model.String(3, "description"), subgraphs.Count, tensors, operators, inputs, outputs);
    }

    private static (int Code, string? Custom, int Version) ReadCode(FlatBufferTable t)
    {
        // Codes above 127 live in the int32 field 3; field 0 holds the old byte code (127 for "see field 3").
        int code = Math.Max((int)t.Int8(0), t.Int32(3));
        string? custom = code == TfLiteOperatorNames.CodeOf("CUSTOM") ? t.String(1, "custom_code") ?? "?" : null;
        return (code, custom, t.Int32(2, 1));
    }

    private static TfLiteTensor ReadTensor(int index, FlatBufferTable t, List<FlatBufferTable> buffers, ReadOnlyMemory<byte> file, FlatBufferReader reader)
    {
        int[] shape = t.Int32s(0, "shape");
        if (shape.Any(d => d < 0))
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"Tensor {index} has a negative dimension in its shape [{string.Join(",", shape)}].");
        }

        sbyte type = t.Int8(1);
        uint buffer = t.UInt32(2);
        string name = t.String(3, "name") is { Length: > 0 } n ? n : $"tensor_{index}";
        int scales = t.Table(4, "quantization") is { } q ? q.Floats(2, "scale").Length : 0;
        int[]? signature = t.Has(7) ? t.Int32s(7, "shape_signature") : null;
        if (buffer >= buffers.Count && buffer != 0)
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"Tensor '{name}' refers to buffer {buffer}, but the file has {buffers.Count} buffers.");
        }

        var data = buffer == 0 || buffers.Count == 0 ? ReadOnlyMemory<byte>.Empty : BufferData(buffers[(int)buffer], file, reader);
        return new TfLiteTensor(index, name, shape, signature, (TfLiteTensorType)type, data, scales, t.Bool(5), t.Has(6));
    }

    /// <summary>A buffer's bytes: inline in the FlatBuffer, or (files over 2 GB) at an offset after it.</summary>
    private static ReadOnlyMemory<byte> BufferData(FlatBufferTable b, ReadOnlyMemory<byte> file, FlatBufferReader reader)
    {
        ulong offset = b.UInt64(1);
        ulong size = b.UInt64(2);
        if (offset > 1 && size > 0)
        {
            if (offset > (ulong)file.Length || size > (ulong)file.Length - offset)
            {
                throw FlatBufferReader.Corrupt($"{b.What} claims {size} bytes at byte {offset}, past the end of the file ({file.Length} bytes)");
            }

            return file.Slice((int)offset, (int)size);
        }

        return b.Bytes(0, "data", file);
    }

    private static TfLiteOperator ReadOperator(int index, FlatBufferTable t, List<(int Code, string? Custom, int Version)> codes, int tensorCount)
    {
        uint opcode = t.UInt32(0);
        if (opcode >= codes.Count)
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"Operator {index} uses operator code {opcode}, but the file lists {codes.Count}.");
        }

        var (code, custom, version) = codes[(int)opcode];
        int[] inputs = t.Int32s(1, "inputs");
        int[] outputs = t.Int32s(2, "outputs");
        string what = $"{(custom is null ? TfLiteOperatorNames.Of(code) : $"CUSTOM({custom})")} (operator {index})";
        CheckIndices(inputs, tensorCount, $"The inputs of {what}", allowOmitted: true);
        CheckIndices(outputs, tensorCount, $"The outputs of {what}");
        byte optionsType = t.UInt8(3);
        var options = optionsType != 0 ? t.Table(4, "builtin_options") : null;
        return new TfLiteOperator(index, code, custom, version, inputs, outputs, optionsType, options, t.Has(5));
    }

    private static void CheckIndices(int[] indices, int tensorCount, string what, bool allowOmitted = false)
    {
        foreach (int i in indices)
        {
            if (i >= tensorCount || i < (allowOmitted ? -1 : 0))
            {
                throw FaceAccordException.BadInput("invalid-tflite", $"{what} names tensor {i}, but the subgraph has {tensorCount} tensors.");
            }
        }
    }

    private static string Printable(string s) => new(s.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
