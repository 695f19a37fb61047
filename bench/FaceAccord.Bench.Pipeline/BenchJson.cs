using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceAccord.Bench.Pipeline;

/// <summary>One JSON shape for every file the benchmark writes or reads, so the Human harness's camelCase output and ours agree.</summary>
public static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Files for people and scripts, never embedded in HTML: keep '+' and '>' readable in model ids.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw Core.FaceAccordException.BadInput("bench-json-invalid", $"The file {path} holds no JSON object.");
    }

    public static void Write<T>(string path, T value)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
    }
}
