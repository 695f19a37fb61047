using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// Converts a float TFLite model to ONNX so FaceAccord runs TFLite embedders on ONNX Runtime without a
/// TFLite runtime. The ONNX model keeps the TFLite interface (NHWC float inputs and outputs under their
/// TFLite tensor names), by default with a symbolic batch, and holds only the operators the requested
/// outputs need. Unsupported operators, tensor types and quantised tensors are refused by name up front.
/// </summary>
public static class TfLiteToOnnxConverter
{
    private const int MaxNamedPerGroup = 5;

    /// <summary>The TFLite builtin operators the converter handles, by schema name.</summary>
    public static IReadOnlyList<string> SupportedOperators => TfLiteOps.SupportedNames;

    /// <summary>Converts <paramref name="model"/> and returns the serialised ONNX model.</summary>
    public static byte[] Convert(TfLiteModel model, TfLiteConversionOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);

        var inputs = model.Inputs.Select(i => model.Tensors[i]).ToList();
        var outputs = OutputTensors(model, options);
        CheckInterfaceNames(inputs, outputs);
        var order = RequiredOperators(model, outputs, inputs);
        CheckSupported(order);
        CheckTensors(model, order, inputs);
        int? batch = options.DynamicBatch ? FixedBatch(inputs) : null;

        var builder = new OnnxGraphBuilder(options.GraphName);
        var ctx = new TfLiteConversionContext(builder, model, batch, inputs.Concat(outputs).Select(t => t.Name));
        foreach (var input in inputs)
        {
            builder.AddInput(input.Name, OnnxShape(input.Shape, batched: batch is not null));
            ctx.SetInput(input, TfLiteValue.Of(input.Name, TfJsLayout.Native, [.. input.Shape], batched: true));
        }

        foreach (var op in order)
        {
            TfLiteOps.Converters[op.BuiltinCode](op, ctx);
        }

        foreach (var output in outputs)
        {
            var value = ctx.Get(output, null);
            string produced = builder.AddNode("Identity", output.Name, [ctx.Native(value, null)]);
            if (!string.Equals(produced, output.Name, StringComparison.Ordinal))
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", $"The output {output} is also an input of the model; ONNX needs distinct names.");
            }

            builder.AddOutput(output.Name, OnnxShape(output.Shape, batched: value.Batched && batch is not null));
        }

        return builder.ToBytes(options.DocString, Metadata(model, inputs, outputs, order, batch, options));
    }

    private static List<TfLiteTensor> OutputTensors(TfLiteModel model, TfLiteConversionOptions options)
    {
        if (options.Outputs is not { } names)
        {
            return model.Outputs.Count > 0
                ? model.Outputs.Select(i => model.Tensors[i]).ToList()
                : throw FaceAccordException.BadInput("invalid-tflite", "The TFLite model declares no outputs.");
        }

        if (names.Count == 0)
        {
            throw FaceAccordException.BadInput("invalid-conversion-options", "At least one output must be requested.");
        }

        var byName = new Dictionary<string, TfLiteTensor>(StringComparer.Ordinal);
        foreach (var t in model.Tensors)
        {
            byName.TryAdd(t.Name, t);
        }

        return names.Select(n => byName.TryGetValue(n, out var t)
            ? t
            : throw FaceAccordException.BadInput("unknown-output", $"The TFLite model has no tensor named '{n}'.")).ToList();
    }

    private static void CheckInterfaceNames(List<TfLiteTensor> inputs, List<TfLiteTensor> outputs)
    {
        if (inputs.Count == 0)
        {
            throw FaceAccordException.BadInput("invalid-tflite", "The TFLite model declares no inputs.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in inputs.Concat(outputs))
        {
            if (!seen.Add(t.Name))
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", $"The name '{t.Name}' is used by two inputs or outputs of the ONNX graph.");
            }
        }
    }

    /// <summary>The operators the outputs depend on, in the file's execution order, checked to read only earlier results.</summary>
    private static List<TfLiteOperator> RequiredOperators(TfLiteModel model, List<TfLiteTensor> outputs, List<TfLiteTensor> inputs)
    {
        var producer = new int[model.Tensors.Count];
        Array.Fill(producer, -1);
        foreach (var op in model.Operators)
        {
            foreach (int t in op.Outputs)
            {
                if (producer[t] >= 0)
                {
                    throw FaceAccordException.BadInput("invalid-tflite", $"Tensor {model.Tensors[t]} is written by operator {producer[t]} and by {op}.");
                }

                producer[t] = op.Index;
            }
        }

        foreach (var input in inputs.Where(i => producer[i.Index] >= 0))
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"The input {input} is also written by {model.Operators[producer[input.Index]]}.");
        }

        var needed = new bool[model.Operators.Count];
        var visited = new bool[model.Tensors.Count];
        var stack = new Stack<int>(outputs.Select(t => t.Index));
        while (stack.Count > 0)
        {
            int t = stack.Pop();
            if (visited[t])
            {
                continue;
            }

            visited[t] = true;
            int p = producer[t];
            if (p < 0 || needed[p])
            {
                continue;
            }

            needed[p] = true;
            foreach (int i in model.Operators[p].Inputs.Where(i => i >= 0))
            {
                stack.Push(i);
            }
        }

        var order = model.Operators.Where(op => needed[op.Index]).ToList();
        foreach (var op in order)
        {
            foreach (int i in op.Inputs.Where(i => i >= 0 && producer[i] >= op.Index))
            {
                throw FaceAccordException.BadInput(
                    "invalid-tflite", $"{op} reads tensor {model.Tensors[i]} before {model.Operators[producer[i]]} writes it; the operators are not in execution order.");
            }
        }

        return order;
    }

    private static void CheckSupported(List<TfLiteOperator> order)
    {
        var unsupported = order
            .Where(op => op.CustomCode is not null || !TfLiteOps.Converters.ContainsKey(op.BuiltinCode))
            .GroupBy(op => op.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({Named(g.Select(op => $"operator {op.Index}"))})")
            .ToList();
        if (unsupported.Count > 0)
        {
            throw FaceAccordException.BadInput(
                "unsupported-op",
                $"The TFLite model uses operators the converter does not support: {string.Join("; ", unsupported)}. Supported: {string.Join(", ", TfLiteOps.SupportedNames)}.");
        }
    }

    /// <summary>Refuses tensor types, quantisation, sparsity and variables the converter cannot carry into ONNX float math.</summary>
    private static void CheckTensors(TfLiteModel model, List<TfLiteOperator> order, List<TfLiteTensor> inputs)
    {
        var touched = order.SelectMany(op => op.Inputs.Concat(op.Outputs)).Where(i => i >= 0).Distinct().Order().Select(i => model.Tensors[i]);
        var problems = touched.Concat(inputs).Distinct()
            .Select(t => (Tensor: t, Problem: Problem(t, isInput: inputs.Contains(t))))
            .Where(p => p.Problem is not null)
            .GroupBy(p => p.Problem!, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {Named(g.Select(p => $"'{p.Tensor.Name}'"))}")
            .ToList();
        if (problems.Count > 0)
        {
            throw FaceAccordException.BadInput(
                "unsupported-tensor-type",
                $"The TFLite model has tensors the converter does not support (only FLOAT32 data and INT32 constant shapes): {string.Join("; ", problems)}.");
        }
    }

    private static string? Problem(TfLiteTensor t, bool isInput)
    {
        string type = t.Type.ToString().ToUpperInvariant();
        if (!Enum.IsDefined(t.Type))
        {
            return $"unknown tensor type {(int)t.Type}";
        }

        if (t.QuantizationScales > 0)
        {
            return $"quantized {type} (DEQUANTIZE-style weights are not supported)";
        }

        if (t.IsSparse)
        {
            return "sparse tensors";
        }

        if (t.IsVariable)
        {
            return "variable tensors";
        }

        return t.Type switch
        {
            TfLiteTensorType.Float32 when isInput && t.IsConstant => "inputs with constant data",
            TfLiteTensorType.Float32 => null,
            TfLiteTensorType.Int32 when t.IsConstant && !isInput => null,
            TfLiteTensorType.Int32 => "INT32 tensors computed at run time",
            _ => $"{type} tensors",
        };
    }

    private static int FixedBatch(List<TfLiteTensor> inputs)
    {
        var batches = inputs.Select(t => t.Rank > 0 ? t.Shape[0] : -1).Distinct().ToList();
        return batches is [int b] && b > 0
            ? b
            : throw FaceAccordException.BadInput(
                "invalid-conversion-options",
                $"A symbolic batch needs every input to share axis 0 ({string.Join(", ", inputs.Select(t => t.ToString()))}); convert with DynamicBatch = false.");
    }

    private static long?[] OnnxShape(IReadOnlyList<int> shape, bool batched) =>
        shape.Select((d, i) => i == 0 && batched ? null : (long?)d).ToArray();

    private static Dictionary<string, string> Metadata(
        TfLiteModel model, List<TfLiteTensor> inputs, List<TfLiteTensor> outputs, List<TfLiteOperator> order, int? batch, TfLiteConversionOptions options)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source_format"] = "tflite",
            ["tflite_inputs"] = string.Join(";", inputs.Select(t => $"{t.Name}[{string.Join(",", t.Shape)}]")),
            ["tflite_outputs"] = string.Join(";", outputs.Select(t => $"{t.Name}[{string.Join(",", t.Shape)}]")),
            ["tflite_operators"] = string.Join(",", order.Select(op => op.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            ["input_layout"] = "NHWC",
            ["batch"] = batch is int b ? $"symbolic (the file fixes {b})" : "as declared",
        };
        if (model.Description is { Length: > 0 } description)
        {
            metadata["tflite_description"] = description;
        }

        foreach (var (k, v) in options.Metadata ?? new Dictionary<string, string>())
        {
            metadata[k] = v;
        }

        return metadata;
    }

    private static string Named(IEnumerable<string> names)
    {
        var list = names.ToList();
        string shown = string.Join(", ", list.Take(MaxNamedPerGroup));
        return list.Count > MaxNamedPerGroup ? $"{shown} and {list.Count - MaxNamedPerGroup} more" : shown;
    }
}
