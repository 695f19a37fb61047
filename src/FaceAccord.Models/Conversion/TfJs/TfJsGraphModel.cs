using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// A parsed TF.js graph model (<c>model.json</c> of format <c>graph-model</c>): its node list and the
/// weights manifest, with the folder the weight shards are read from. Parsing is separate from
/// conversion so one file can be converted to several ONNX models (e.g. embedding-only).
/// </summary>
public sealed class TfJsGraphModel
{
    private readonly Dictionary<string, TfJsNode> _byName;

    private TfJsGraphModel(string format, string? generatedBy, string? convertedBy, IReadOnlyList<TfJsNode> nodes, JsonElement weightsManifest, string baseDirectory)
    {
        Format = format;
        GeneratedBy = generatedBy;
        ConvertedBy = convertedBy;
        Nodes = nodes;
        WeightsManifest = weightsManifest;
        BaseDirectory = baseDirectory;
        _byName = new Dictionary<string, TfJsNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!_byName.TryAdd(node.Name, node))
            {
                throw FaceAccordException.BadInput("invalid-model-json", $"The graph has two nodes named '{node.Name}'.");
            }
        }
    }

    /// <summary>The <c>format</c> field; always <c>graph-model</c> for a model this class accepts.</summary>
    public string Format { get; }

    /// <summary>The <c>generatedBy</c> field (the framework that produced the original model), if any.</summary>
    public string? GeneratedBy { get; }

    /// <summary>The <c>convertedBy</c> field, if any.</summary>
    public string? ConvertedBy { get; }

    /// <summary>All nodes in file order.</summary>
    public IReadOnlyList<TfJsNode> Nodes { get; }

    /// <summary>The <c>weightsManifest</c> array (groups of shard paths and weight specs).</summary>
    public JsonElement WeightsManifest { get; }

    /// <summary>The folder the manifest's shard paths are relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>Reads and parses a <c>model.json</c>; weight shards are resolved next to it.</summary>
    public static TfJsGraphModel Load(string modelJsonPath)
    {
        if (!File.Exists(modelJsonPath))
        {
            throw FaceAccordException.NotFound("model-not-found", $"The TF.js model file {modelJsonPath} does not exist.");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath)) ?? ".";
        return Parse(File.ReadAllText(modelJsonPath), directory);
    }

    /// <summary>Parses <c>model.json</c> text whose weight shards lie in <paramref name="baseDirectory"/>.</summary>
    public static TfJsGraphModel Parse(string json, string baseDirectory)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("invalid-model-json", $"The TF.js model is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the top level is not an object");
            }

            string format = OptionalString(root, "format") ?? "graph-model";
            if (!string.Equals(format, "graph-model", StringComparison.Ordinal))
            {
                throw FaceAccordException.BadInput("not-a-graph-model", $"The TF.js model has format '{format}'; only 'graph-model' can be converted.");
            }

            if (!root.TryGetProperty("modelTopology", out var topology) || topology.ValueKind != JsonValueKind.Object
                || !topology.TryGetProperty("node", out var nodeArray) || nodeArray.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("modelTopology.node is missing");
            }

            if (!root.TryGetProperty("weightsManifest", out var manifest) || manifest.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("weightsManifest is missing");
            }

            var nodes = nodeArray.EnumerateArray().Select(ParseNode).ToList();
            return new TfJsGraphModel(format, OptionalString(root, "generatedBy"), OptionalString(root, "convertedBy"), nodes, manifest.Clone(), baseDirectory);
        }
    }

    /// <summary>The node with this name, or null.</summary>
    public TfJsNode? FindNode(string name) => _byName.GetValueOrDefault(name);

    private static TfJsNode ParseNode(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a node is not an object");
        }

        string name = OptionalString(e, "name") ?? throw Invalid("a node has no name");
        string op = OptionalString(e, "op") ?? throw Invalid($"node '{name}' has no op");
        var inputs = new List<string>();
        if (e.TryGetProperty("input", out var input))
        {
            if (input.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"node '{name}' has a malformed input list");
            }

            // Found by fuzzing: a number or object here escaped as InvalidOperationException from GetString.
            inputs.AddRange(input.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String
                ? i.GetString()!
                : throw Invalid($"node '{name}' has an input that is not a string")));
        }

        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (e.TryGetProperty("attr", out var attr) && attr.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in attr.EnumerateObject())
            {
                attributes[p.Name] = p.Value.Clone();
            }
        }

        return new TfJsNode(name, op, inputs, attributes);
    }

    private static string? OptionalString(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static FaceAccordException Invalid(string what) =>
        FaceAccordException.BadInput("invalid-model-json", $"The TF.js model is malformed: {what}.");
}
