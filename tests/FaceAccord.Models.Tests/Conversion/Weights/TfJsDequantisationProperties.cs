using FaceAccord.Models.Conversion.Weights;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Models.Tests.Conversion.Weights;

public sealed class TfJsDequantisationProperties
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(2236067977,4999789697)";

    [Property(Replay = Replay, MaxTest = 50)]
    public Property Uint8_dequantisation_matches_the_tfjs_formula_for_any_bytes(byte[] bytes, NormalFloat scale, NormalFloat min)
    {
        using var folder = new ManifestFolder();
        folder.WriteShard("w.bin", bytes);
        string quantization = $$"""{"dtype":"uint8","scale":{{scale.Get:R}},"min":{{min.Get:R}}}""";
        string json = $$"""[{"paths":["w.bin"],"weights":[{"name":"q","shape":[{{bytes.Length}}],"dtype":"float32","quantization":{{quantization}}}]}]""";
        var floats = TfJsWeightsReader.Read(ManifestFolder.Json(json), folder.Path)["q"].Floats!;

        return Enumerable.Range(0, bytes.Length)
            .All(i => floats[i].Equals((float)((bytes[i] * scale.Get) + min.Get)))
            .ToProperty();
    }
}
