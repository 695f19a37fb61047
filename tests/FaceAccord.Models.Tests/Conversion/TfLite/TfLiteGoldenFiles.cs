using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using FaceAccord.TestSupport;
using SkiaSharp;

namespace FaceAccord.Models.Tests.Conversion.TfLite;

/// <summary>
/// Reads the references written by tools/goldens/tflite/tflite-goldens.js and re-creates, bit for bit, the
/// inputs that script fed to TFLite (the formulas below must stay identical to the script's).
/// </summary>
internal static class TfLiteGoldenFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Goldens/tflite, found from this source file so tests built into any artifacts folder find it.</summary>
    public static string Folder { get; } = FolderBeside();

    public static IEnumerable<string> OpCaseNames => Names("ops");

    public static IEnumerable<string> InvalidCaseNames => Names("invalid");

    public static TfLiteOpGolden OpCase(string name) => Read<TfLiteOpGolden>(Path.Combine(Folder, "ops", name + ".json"));

    public static TfLiteInvalidCase InvalidCase(string name) => Read<TfLiteInvalidCase>(Path.Combine(Folder, "invalid", name + ".json"));

    public static TfLiteModelGolden MobileFaceNet() => Read<TfLiteModelGolden>(Path.Combine(Folder, "models", "mobilefacenet.json"));

    /// <summary>
    /// One 112×112×3 sample of the MobileFaceNet golden, NHWC R,G,B, each pixel v as (v − 127.5) / 128:
    /// pseudo-random pixels (the top byte of each mulberry32 draw) or the central crop of an LFW image.
    /// </summary>
    public static float[] Sample(TfLiteModelSample sample)
    {
        const int size = 112;
        var values = new float[size * size * 3];
        if (sample.Kind == "random")
        {
            uint state = sample.Seed;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ((Mulberry32(ref state) >> 24) - 127.5f) / 128f;
            }
        }
        else
        {
            var crop = sample.Crop ?? throw new InvalidDataException("An LFW sample needs a crop.");
            var (width, rgba) = DecodeRgba(Path.Combine(TestPaths.LfwImages, sample.Image!));
            int i = 0;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    int p = (((crop.Y + y) * width) + crop.X + x) * 4;
                    for (int c = 0; c < 3; c++)
                    {
                        values[i++] = (rgba[p + c] - 127.5f) / 128f;
                    }
                }
            }
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
        if (hash != sample.Sha256)
        {
            throw new InvalidDataException($"The {sample.Kind} sample differs from the one TFLite saw (SHA-256 {hash}, golden {sample.Sha256}).");
        }

        return values;
    }

    /// <summary>The mulberry32 generator of the golden script, in 32-bit unsigned arithmetic.</summary>
    public static uint Mulberry32(ref uint state)
    {
        state += 0x6D2B79F5;
        uint t = (state ^ (state >> 15)) * (1 | state);
        t = (t + ((t ^ (t >> 7)) * (61 | t))) ^ t;
        return t ^ (t >> 14);
    }

    private static (int Width, byte[] Rgba) DecodeRgba(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"{path} is not an image SkiaSharp can decode.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            return result == SKCodecResult.Success ? (info.Width, pixels) : throw new InvalidDataException($"{path}: {result}");
        }
        finally
        {
            handle.Free();
        }
    }

    private static IEnumerable<string> Names(string folder) =>
        Directory.GetFiles(Path.Combine(Folder, folder), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    private static string FolderBeside([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "Goldens", "tflite"));

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}
