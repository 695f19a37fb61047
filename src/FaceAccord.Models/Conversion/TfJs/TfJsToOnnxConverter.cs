using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.Weights;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// Converts a TF.js graph model to ONNX so FaceAccord runs the published models on ONNX Runtime without
/// a JavaScript engine. The ONNX model keeps TF.js's interface (one float NHWC input named
/// <c>input</c> with a symbolic batch; outputs shaped as TF.js returns them) and holds only the nodes the
/// requested outputs need.
/// </summary>
public static class TfJsToOnnxConverter
{
    private const int MaxNodesNamedPerOp = 5;

    /// <summary>Converts <paramref name="model"/> and returns the serialised ONNX model.</summary>
    public static byte[] Convert(TfJsGraphModel model, TfJsConversionOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);

        var placeholder = FindPlaceholder(model, options.InputPlaceholder);

        var order = RequiredNodes(model, placeholder, options.Outputs);
        CheckSupported(order, placeholder);

        IReadOnlyDictionary<string, TfJsWeight>? weights = null;
        TfJsConstant ConstantOf(TfJsNode node)
        {
            weights ??= TfJsWeightsReader.Read(model.WeightsManifest, model.BaseDirectory);
            if (!weights.TryGetValue(node.Name, out var w))
            {
                throw FaceAccordException.BadInput("missing-weight", $"The weights manifest has no tensor for the constant '{node.Name}'.");
            }

            return w.DataType == TfJsDataType.Float32
                ? new TfJsConstant(w.Shape, w.Floats ?? throw MissingValues(w), null)
                : new TfJsConstant(w.Shape, null, w.Ints ?? throw MissingValues(w));
        }

        var builder = new OnnxGraphBuilder(options.GraphName);
        var inputShape = InputShape(placeholder, options);
        builder.AddInput(TfJsConversionOptions.OnnxInputName, inputShape);
        var ctx = new TfJsConversionContext(builder, ConstantOf, options.Outputs.Select(o => o.OnnxName));
        ctx.Set(placeholder, TfJsTensor.Value(TfJsConversionOptions.OnnxInputName, TfJsLayout.Native, inputShape));
        foreach (var node in order.Where(n => n != placeholder))
        {
            TfJsOps.Converters[node.Op](node, ctx);
        }

        foreach (var output in options.Outputs)
        {
            var tensor = ctx.Get(output.TfName, null);
            string produced = builder.AddNode("Identity", output.OnnxName, [ctx.Native(tensor)]);
            if (!string.Equals(produced, output.OnnxName, StringComparison.Ordinal))
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", $"The output name '{output.OnnxName}' clashes with a tensor of the converted graph.");
            }

            builder.AddOutput(output.OnnxName, tensor.Shape);
        }

        return builder.ToBytes(options.DocString, Metadata(model, placeholder, options));
    }

    private static TfJsNode FindPlaceholder(TfJsGraphModel model, string? name)
    {
        if (name is not null)
        {
            var node = model.FindNode(name);
            return node is not null && string.Equals(node.Op, "Placeholder", StringComparison.Ordinal)
                ? node
                : throw FaceAccordException.BadInput("unknown-input", $"The graph has no placeholder named '{name}'.");
        }

        var all = model.Nodes.Where(n => string.Equals(n.Op, "Placeholder", StringComparison.Ordinal)).ToList();
        return all.Count == 1
            ? all[0]
            : throw FaceAccordException.BadInput(
                "unknown-input", $"The graph has {all.Count} placeholders ({string.Join(", ", all.Select(n => $"'{n.Name}'"))}); name the input in TfJsConversionOptions.InputPlaceholder.");
    }

    private static void ValidateOptions(TfJsConversionOptions options)
    {
        if (options.Outputs.Count == 0)
        {
            throw FaceAccordException.BadInput("invalid-conversion-options", "At least one output must be requested.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { TfJsConversionOptions.OnnxInputName };
        foreach (var o in options.Outputs)
        {
            if (string.IsNullOrWhiteSpace(o.OnnxName) || string.IsNullOrWhiteSpace(o.TfName))
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", "Every output needs a TF name and an ONNX name.");
            }

            if (!names.Add(o.OnnxName))
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", $"The ONNX name '{o.OnnxName}' is used twice (the input is named '{TfJsConversionOptions.OnnxInputName}').");
            }
        }
    }

    /// <summary>The nodes the outputs depend on, inputs before users (iterative depth-first post-order).</summary>
    private static List<TfJsNode> RequiredNodes(TfJsGraphModel model, TfJsNode placeholder, IEnumerable<TfJsOutput> outputs)
    {
        var order = new List<TfJsNode>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack, true: done
        foreach (var output in outputs)
        {
            var root = model.FindNode(NodeName(output.TfName))
                ?? throw FaceAccordException.BadInput("unknown-output", $"The graph has no node named '{output.TfName}'.");
            if (state.ContainsKey(root.Name))
            {
                continue;
            }

            var stack = new Stack<(TfJsNode Node, int Next)>();
            stack.Push((root, 0));
            state[root.Name] = false;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var inputs = node == placeholder ? [] : node.DataInputs.ToList();
                if (next >= inputs.Count)
                {
                    state[node.Name] = true;
                    order.Add(node);
                    continue;
                }

                stack.Push((node, next + 1));
                var dependency = model.FindNode(NodeName(inputs[next]))
                    ?? throw FaceAccordException.BadInput("invalid-model-json", $"{node} reads '{inputs[next]}', which is not a node of the graph.");
                if (state.TryGetValue(dependency.Name, out bool done))
                {
                    if (!done)
                    {
                        throw FaceAccordException.BadInput("invalid-model-json", $"The graph has a cycle through {dependency}.");
                    }

                    continue;
                }

                state[dependency.Name] = false;
                stack.Push((dependency, 0));
            }
        }

        return order;
    }

    private static void CheckSupported(List<TfJsNode> order, TfJsNode placeholder)
    {
        var extra = order.Where(n => n != placeholder && string.Equals(n.Op, "Placeholder", StringComparison.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            throw FaceAccordException.BadInput(
                "extra-input", $"The requested outputs also depend on placeholder(s) {string.Join(", ", extra.Select(n => $"'{n.Name}'"))}; only '{placeholder.Name}' is fed.");
        }

        var unsupported = order
            .Where(n => n != placeholder && !TfJsOps.Converters.ContainsKey(n.Op))
            .GroupBy(n => n.Op, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (unsupported.Count == 0)
        {
            return;
        }

        var parts = unsupported.Select(g =>
        {
            var names = g.Take(MaxNodesNamedPerOp).Select(n => $"'{n.Name}'");
            int more = g.Count() - MaxNodesNamedPerOp;
            string list = string.Join(", ", names) + (more > 0 ? $" and {more} more" : string.Empty);
            return $"{g.Key} (node{(g.Count() > 1 ? "s" : string.Empty)} {list})";
        });
        throw FaceAccordException.BadInput("unsupported-op", $"The TF.js graph uses ops the converter does not support: {string.Join("; ", parts)}.");
    }

    private static long?[] InputShape(TfJsNode placeholder, TfJsConversionOptions options)
    {
        string? type = placeholder.GetDataType("dtype");
        if (type is not (null or "DT_FLOAT"))
        {
            throw FaceAccordException.BadInput("unsupported-op", $"{placeholder}: the input type {type} is not supported (only DT_FLOAT).");
        }

        var shape = placeholder.GetShape("shape") ?? options.InputShape?.Select(d => (long?)d).Prepend(null).ToArray()
            ?? throw FaceAccordException.BadInput("invalid-conversion-options", $"{placeholder} has an unknown rank; give TfJsConversionOptions.InputShape.");
        shape = [.. shape];
        if (shape.Length == 0)
        {
            throw FaceAccordException.BadInput("unsupported-op", $"{placeholder}: a scalar input is not supported.");
        }

        shape[0] = null; // the batch is always symbolic
        if (options.InputShape is { } given)
        {
            if (given.Count != shape.Length - 1)
            {
                throw FaceAccordException.BadInput("invalid-conversion-options", $"InputShape has {given.Count} dimensions; {placeholder} needs {shape.Length - 1} (without batch).");
            }

            for (int i = 1; i < shape.Length; i++)
            {
                if (shape[i] is long known && known != given[i - 1])
                {
                    throw FaceAccordException.BadInput("invalid-conversion-options", $"InputShape dimension {i} is {given[i - 1]} but {placeholder} fixes it at {known}.");
                }

                shape[i] = given[i - 1];
            }
        }

        return shape;
    }

    private static Dictionary<string, string> Metadata(TfJsGraphModel model, TfJsNode placeholder, TfJsConversionOptions options)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source_format"] = "tfjs-graph-model",
            ["tfjs_input"] = placeholder.Name,
            ["tfjs_outputs"] = string.Join(";", options.Outputs.Select(o => $"{o.OnnxName}={o.TfName}")),
            ["input_layout"] = "NHWC",
        };
        if (model.GeneratedBy is { } generatedBy)
        {
            metadata["tfjs_generated_by"] = generatedBy;
        }

        foreach (var (k, v) in options.Metadata ?? new Dictionary<string, string>())
        {
            metadata[k] = v;
        }

        return metadata;
    }

    private static string NodeName(string reference)
    {
        string name = reference.TrimStart('^');
        int colon = name.LastIndexOf(':');
        return colon > 0 && int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? name[..colon] : name;
    }

    private static FaceAccordException MissingValues(TfJsWeight w) =>
        FaceAccordException.BadInput("missing-weight", $"The weight '{w.Name}' has no values of its declared type {w.DataType}.");
}
