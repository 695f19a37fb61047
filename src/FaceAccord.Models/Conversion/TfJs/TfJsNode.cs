using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// One node of a TF.js graph model (TF GraphDef JSON: name, op, inputs, attributes), kept close to the
/// file so the converter reads attributes exactly as TF.js does.
/// </summary>
public sealed class TfJsNode
{
    private readonly Dictionary<string, JsonElement> _attributes;

    internal TfJsNode(string name, string op, IReadOnlyList<string> inputs, Dictionary<string, JsonElement> attributes)
    {
        Name = name;
        Op = op;
        Inputs = inputs;
        _attributes = attributes;
    }

    /// <summary>The node's unique name; its first output is referred to by this name (or <c>name:0</c>).</summary>
    public string Name { get; }

    /// <summary>The TensorFlow op type, e.g. <c>_FusedConv2D</c>.</summary>
    public string Op { get; }

    /// <summary>Input references as written in the file: <c>node</c>, <c>node:1</c> or control inputs <c>^node</c>.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The data inputs (control inputs removed), in order.</summary>
    public IEnumerable<string> DataInputs => Inputs.Where(i => !i.StartsWith('^'));

    /// <summary>The names of the attributes present on this node.</summary>
    public IEnumerable<string> AttributeNames => _attributes.Keys;

    internal bool HasAttribute(string name) => _attributes.ContainsKey(name);

    internal string? GetString(string name) =>
        Read(name, a => a.TryGetProperty("s", out var s) ? DecodeBase64(s.GetString()) : null);

    internal long? GetInt(string name) =>
        Read(name, a => a.TryGetProperty("i", out var i) ? ParseInt64(i) : (long?)null);

    internal float? GetFloat(string name) =>
        Read(name, a => !a.TryGetProperty("f", out var f)
            ? (float?)null
            : f.ValueKind == JsonValueKind.Number
                ? f.GetSingle()
                : float.Parse(f.GetString() ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture));

    internal bool? GetBool(string name) =>
        Read(name, a => a.TryGetProperty("b", out var b) ? b.GetBoolean() : (bool?)null);

    internal string? GetDataType(string name) =>
        Read(name, a => a.TryGetProperty("type", out var t) ? t.GetString() : null);

    /// <summary>An integer list attribute; empty when the list is present but empty, null when absent.</summary>
    internal long[]? GetInts(string name) =>
        Read(name, a => !a.TryGetProperty("list", out var list)
            ? null
            : list.TryGetProperty("i", out var items) ? items.EnumerateArray().Select(ParseInt64).ToArray() : []);

    internal string[]? GetStrings(string name) =>
        Read(name, a => !a.TryGetProperty("list", out var list)
            ? null
            : list.TryGetProperty("s", out var items) ? items.EnumerateArray().Select(s => DecodeBase64(s.GetString())).ToArray() : []);

    /// <summary>A shape attribute (e.g. a placeholder's); unknown dimensions are null, an unknown rank is null.</summary>
    internal long?[]? GetShape(string name) =>
        Read(name, a =>
        {
            if (!a.TryGetProperty("shape", out var shape)
                || (shape.TryGetProperty("unknownRank", out var unknown) && unknown.ValueKind == JsonValueKind.True))
            {
                return null;
            }

            return !shape.TryGetProperty("dim", out var dims)
                ? []
                : dims.EnumerateArray()
                    .Select(d => d.TryGetProperty("size", out var size) ? ParseInt64(size) : -1L)
                    .Select(v => v < 0 ? (long?)null : v)
                    .ToArray();
        });

    public override string ToString() => $"{Op} '{Name}'";

    /// <summary>
    /// Reads attribute <paramref name="name"/> (null when absent). JSON of the wrong kind or text that is not a number
    /// is a malformed model, reported as bad input naming the node and attribute, never as a parser exception.
    /// </summary>
    private T? Read<T>(string name, Func<JsonElement, T?> read)
    {
        if (!_attributes.TryGetValue(name, out var attribute))
        {
            return default;
        }

        try
        {
            return read(attribute);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw FaceAccordException.BadInput("invalid-model-json", $"Node '{Name}' has a malformed '{name}' attribute: {e.Message}", e);
        }
    }

    private static long ParseInt64(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number
            ? e.GetInt64()
            : long.Parse(e.GetString() ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);

    private string DecodeBase64(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // GraphDef JSON stores string attributes as base64 of their bytes.
        byte[] bytes = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, bytes, out int written)
            ? Encoding.UTF8.GetString(bytes, 0, written)
            : throw FaceAccordException.BadInput("invalid-model-json", $"Node '{Name}' has a string attribute that is not base64: '{value}'.");
    }
}
