using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>
/// Reads the reference outputs written by tools/goldens/tfjs-goldens.js and re-creates, bit for bit, the
/// inputs that script fed to TF.js (the formulas below must stay identical to the script's).
/// </summary>
internal static class TfJsGoldenFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Goldens/tfjs, found from this source file so tests built into any artifacts folder find it.</summary>
    public static string Folder { get; } = FolderBeside();

    public static IEnumerable<string> OpCaseNames =>
        Directory.GetFiles(Path.Combine(Folder, "ops"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static TfJsOpGolden OpCase(string name) => Read<TfJsOpGolden>(Path.Combine(Folder, "ops", name + ".json"));

    public static TfJsModelGolden Model(string name) => Read<TfJsModelGolden>(Path.Combine(Folder, "models", name + ".json"));

    /// <summary>Op-case input: element i of the row-major tensor is float32(2·sin(0.37·i + 0.5) + 0.25·cos(1.7·i)).</summary>
    public static float[] OpInput(int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = (float)((2 * Math.Sin((0.37 * i) + 0.5)) + (0.25 * Math.Cos(1.7 * i)));
        }

        return data;
    }

    /// <summary>
    /// Model input for sample n, row y, column x, channel c, in double and rounded once to float32:
    /// pixel = clamp(127.5 + 127.5·sin(0.05·x·(c+1) + 0.07·y + 0.3·n), 0, 255); value = pixel·scale + offset.
    /// </summary>
    public static float[] SyntheticInput(int batch, int height, int width, int channels, double scale, double offset)
    {
        var data = new float[batch * height * width * channels];
        int i = 0;
        for (int n = 0; n < batch; n++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        double p = 127.5 + (127.5 * Math.Sin((0.05 * x * (c + 1)) + (0.07 * y) + (0.3 * n)));
                        p = Math.Clamp(p, 0, 255);
                        data[i++] = (float)((p * scale) + offset);
                    }
                }
            }
        }

        return data;
    }

    private static string FolderBeside([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "Goldens", "tfjs"));

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}
