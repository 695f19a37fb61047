using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>Builds small graph-model JSON (and its float32 weights file) in memory for converter edge-case tests.</summary>
internal sealed class TfJsTestGraph
{
    private readonly JsonArray _nodes = [];
    private readonly JsonArray _weights = [];
    private readonly List<float> _data = [];

    public TfJsTestGraph Placeholder(string name, params int[] shape)
    {
        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = "Placeholder",
            ["attr"] = new JsonObject
            {
                ["dtype"] = new JsonObject { ["type"] = "DT_FLOAT" },
                ["shape"] = new JsonObject { ["shape"] = Dims(shape) },
            },
        });
        return this;
    }

    public TfJsTestGraph Const(string name, int[] shape, Func<int, float> value)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        _data.AddRange(Enumerable.Range(0, count).Select(value));
        _weights.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()), ["dtype"] = "float32" });
        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = "Const",
            ["attr"] = new JsonObject { ["dtype"] = new JsonObject { ["type"] = "DT_FLOAT" } },
        });
        return this;
    }

    public TfJsTestGraph Node(string name, string op, string[] inputs, JsonObject? attr = null)
    {
        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = op,
            ["input"] = new JsonArray(inputs.Select(i => (JsonNode)i).ToArray()),
            ["attr"] = attr ?? [],
        });
        return this;
    }

    /// <summary>Writes weights.bin into <paramref name="directory"/> and returns the model.json text.</summary>
    public string Write(string directory)
    {
        File.WriteAllBytes(Path.Combine(directory, "weights.bin"), MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_data)).ToArray());
        var root = new JsonObject
        {
            ["format"] = "graph-model",
            ["modelTopology"] = new JsonObject { ["node"] = _nodes.DeepClone() },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = _weights.DeepClone() }),
        };
        return root.ToJsonString();
    }

    public static JsonObject Str(string value) => new() { ["s"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };

    public static JsonObject Ints(params long[] values) =>
        new() { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(v => (JsonNode)v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()) } };

    public static JsonObject Strs(params string[] values) =>
        new() { ["list"] = new JsonObject { ["s"] = new JsonArray(values.Select(v => (JsonNode)Convert.ToBase64String(Encoding.UTF8.GetBytes(v))).ToArray()) } };

    /// <summary>Attributes of an NHWC convolution.</summary>
    public static JsonObject ConvAttributes(string padding, params string[] fusedOps)
    {
        var attr = new JsonObject
        {
            ["strides"] = Ints(1, 1, 1, 1),
            ["dilations"] = Ints(1, 1, 1, 1),
            ["padding"] = Str(padding),
            ["data_format"] = Str("NHWC"),
        };
        if (fusedOps.Length > 0)
        {
            attr["fused_ops"] = Strs(fusedOps);
            attr["num_args"] = new JsonObject { ["i"] = "1" };
        }

        return attr;
    }

    private static JsonObject Dims(int[] shape) =>
        new() { ["dim"] = new JsonArray(shape.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray()) };
}
