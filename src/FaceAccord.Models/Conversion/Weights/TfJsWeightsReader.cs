using System.Buffers.Binary;
using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.Weights;

/// <summary>
/// Decodes the weights of a TF.js model (graph <c>model.json</c> or face-api <c>*-weights_manifest.json</c>)
/// exactly as TF.js's <c>decodeWeights</c> does, so converters start from the same numbers the original runs on.
/// </summary>
public static class TfJsWeightsReader
{
    /// <summary>Error code for any manifest or shard that cannot be decoded.</summary>
    public const string ErrorCode = "model-weights-invalid";

    /// <summary>
    /// Reads a manifest file: a face-api <c>*-weights_manifest.json</c> (a top-level array of groups) or a
    /// TF.js <c>model.json</c> (an object whose <c>weightsManifest</c> holds the groups). Shards are resolved
    /// beside the file.
    /// </summary>
    public static IReadOnlyDictionary<string, TfJsWeight> Read(string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            document = JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FaceAccordException.BadInput(ErrorCode, $"The weights manifest {manifestPath} cannot be read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput(ErrorCode, $"The weights manifest {manifestPath} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("weightsManifest", out var groups))
            {
                root = groups;
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? ".";
            return Read(root, directory);
        }
    }

    /// <summary>
    /// Reads the weights described by <paramref name="weightsManifest"/> (an array of groups, each with
    /// <c>paths</c> and <c>weights</c>); shard paths are relative to <paramref name="baseDirectory"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, TfJsWeight> Read(JsonElement weightsManifest, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (weightsManifest.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("The weights manifest must be an array of groups.");
        }

        var result = new Dictionary<string, TfJsWeight>(StringComparer.Ordinal);
        int groupIndex = 0;
        foreach (var group in weightsManifest.EnumerateArray())
        {
            ReadGroup(group, groupIndex++, Path.GetFullPath(baseDirectory), result);
        }

        return result;
    }

    private static void ReadGroup(JsonElement group, int groupIndex, string baseDirectory, Dictionary<string, TfJsWeight> result)
    {
        if (group.ValueKind != JsonValueKind.Object
            || !group.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Array
            || !group.TryGetProperty("weights", out var weights) || weights.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"Weights group {groupIndex} needs a 'paths' array and a 'weights' array.");
        }

        // Parse every entry before touching the disk, so a bad manifest is reported as such.
        var specs = new List<WeightSpec>();
        long needed = 0;
        foreach (var entry in weights.EnumerateArray())
        {
            var spec = ParseSpec(entry, groupIndex);
            specs.Add(spec);
            needed += spec.ByteLength;
        }

        byte[] data = ReadShards(paths, groupIndex, baseDirectory, needed);
        int offset = 0;
        foreach (var spec in specs)
        {
            var bytes = data.AsSpan(offset, (int)spec.ByteLength);
            offset += (int)spec.ByteLength;
            if (!result.TryAdd(spec.Name, Decode(spec, bytes)))
            {
                throw Invalid($"Weight '{spec.Name}' appears more than once in the manifest.");
            }
        }
    }

    private static byte[] ReadShards(JsonElement paths, int groupIndex, string baseDirectory, long needed)
    {
        var files = new List<string>();
        long total = 0;
        foreach (var p in paths.EnumerateArray())
        {
            string relative = p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Invalid($"Weights group {groupIndex} has a path that is not a string.");
            string full = Path.GetFullPath(Path.Combine(baseDirectory, relative));
            string root = Path.EndsInDirectorySeparator(baseDirectory) ? baseDirectory : baseDirectory + Path.DirectorySeparatorChar;
            if (Path.IsPathRooted(relative) || !full.StartsWith(root, StringComparison.Ordinal))
            {
                throw Invalid($"Weight shard '{relative}' lies outside the model folder {baseDirectory}.");
            }

            if (!File.Exists(full))
            {
                throw Invalid($"Weight shard '{relative}' listed in the manifest is missing from {baseDirectory}.");
            }

            files.Add(full);
            total += new FileInfo(full).Length;
        }

        if (total != needed)
        {
            throw Invalid(total < needed
                ? $"Weights group {groupIndex} needs {needed} bytes but its shards hold only {total} (short data)."
                : $"Weights group {groupIndex} describes {needed} bytes but its shards hold {total}; the manifest and shards do not match.");
        }

        if (total > Array.MaxLength)
        {
            throw Invalid($"Weights group {groupIndex} holds {total} bytes, more than one array can take.");
        }

        var data = new byte[total];
        int offset = 0;
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            int length = (int)stream.Length;
            stream.ReadExactly(data, offset, length);
            offset += length;
        }

        return data;
    }

    private static WeightSpec ParseSpec(JsonElement entry, int groupIndex)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"Weights group {groupIndex} has an entry without a name.");
        }

        string name = nameElement.GetString()!;
        if (!entry.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"Weight '{name}' has no shape.");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int i = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int dim) || dim < 0)
            {
                throw Invalid($"Weight '{name}' has a shape entry that is not a non-negative integer.");
            }

            shape[i++] = dim;
            count *= dim;
            if (count > Array.MaxLength)
            {
                throw Invalid($"Weight '{name}' has more elements than one array can take.");
            }
        }

        string dtype = entry.TryGetProperty("dtype", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString()! : "";
        TfJsDataType type = dtype switch
        {
            "float32" => TfJsDataType.Float32,
            "int32" => TfJsDataType.Int32,
            "bool" => TfJsDataType.Bool,
            _ => throw Invalid($"Weight '{name}' has unknown dtype '{dtype}'; supported are float32, int32 and bool."),
        };

        TfJsQuantization? quantization = null;
        int bytesPerElement = type == TfJsDataType.Bool ? 1 : 4;
        if (entry.TryGetProperty("quantization", out var q) && q.ValueKind != JsonValueKind.Null)
        {
            quantization = ParseQuantization(name, type, q);
            bytesPerElement = quantization.BytesPerElement;
        }

        return new WeightSpec(name, shape, type, quantization, count * bytesPerElement);
    }

    private static TfJsQuantization ParseQuantization(string name, TfJsDataType type, JsonElement q)
    {
        string storage = q.ValueKind == JsonValueKind.Object && q.TryGetProperty("dtype", out var sd) && sd.ValueKind == JsonValueKind.String
            ? sd.GetString()!
            : "";
        switch (storage)
        {
            case "uint8" or "uint16":
                if (type == TfJsDataType.Bool)
                {
                    throw Invalid($"Weight '{name}' is a bool quantised as {storage}, which TF.js does not define.");
                }

                if (!q.TryGetProperty("scale", out var scale) || scale.ValueKind != JsonValueKind.Number
                    || !q.TryGetProperty("min", out var min) || min.ValueKind != JsonValueKind.Number)
                {
                    throw Invalid($"Weight '{name}' is quantised as {storage} but lacks a numeric scale and min.");
                }

                return new TfJsQuantization(storage, scale.GetDouble(), min.GetDouble());
            case "float16":
                if (type != TfJsDataType.Float32)
                {
                    throw Invalid($"Weight '{name}' is quantised as float16, which TF.js only allows for float32 weights.");
                }

                return new TfJsQuantization(storage, 1, 0);
            default:
                throw Invalid($"Weight '{name}' has unknown quantization dtype '{storage}'; supported are uint8, uint16 and float16.");
        }
    }

    private static TfJsWeight Decode(WeightSpec spec, ReadOnlySpan<byte> bytes)
    {
        int count = (int)(spec.ByteLength / (spec.Quantization?.BytesPerElement ?? (spec.Type == TfJsDataType.Bool ? 1 : 4)));
        if (spec.Type == TfJsDataType.Float32)
        {
            var floats = new float[count];
            switch (spec.Quantization?.StorageType)
            {
                case null:
                    for (int i = 0; i < count; i++)
                    {
                        floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                    }

                    break;
                case "float16":
                    for (int i = 0; i < count; i++)
                    {
                        floats[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
                    }

                    break;
                default:
                    // TF.js computes q * scale + min in double precision, then stores into a Float32Array.
                    var (scale, min) = (spec.Quantization.Scale, spec.Quantization.Min);
                    for (int i = 0; i < count; i++)
                    {
                        floats[i] = (float)((ReadQuantized(spec.Quantization, bytes, i) * scale) + min);
                    }

                    break;
            }

            return new TfJsWeight(spec.Name, spec.Shape, spec.Type, floats, null);
        }

        var ints = new int[count];
        if (spec.Quantization is { } quant)
        {
            // Math.round in JavaScript rounds halves towards +infinity.
            for (int i = 0; i < count; i++)
            {
                ints[i] = (int)Math.Floor((ReadQuantized(quant, bytes, i) * quant.Scale) + quant.Min + 0.5);
            }
        }
        else if (spec.Type == TfJsDataType.Bool)
        {
            for (int i = 0; i < count; i++)
            {
                ints[i] = bytes[i] != 0 ? 1 : 0;
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                ints[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
            }
        }

        return new TfJsWeight(spec.Name, spec.Shape, spec.Type, null, ints);
    }

    private static int ReadQuantized(TfJsQuantization q, ReadOnlySpan<byte> bytes, int i) =>
        q.BytesPerElement == 1 ? bytes[i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);

    private static FaceAccordException Invalid(string message) => FaceAccordException.BadInput(ErrorCode, message);

    private sealed record WeightSpec(string Name, int[] Shape, TfJsDataType Type, TfJsQuantization? Quantization, long ByteLength);
}
