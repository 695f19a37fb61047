using FaceAccord.Models.Conversion.Weights;
using FaceAccord.TestSupport;

namespace FaceAccord.Models.Tests.Conversion.Weights;

public sealed class RealManifestTests
{
    [Fact]
    public void Faceres_float16_weights_decode_to_finite_values_that_fill_its_shard()
    {
        string path = Path.Combine(TestModelSources.HumanModelsDir, "faceres.json");
        var weights = TfJsWeightsReader.Read(path);

        Assert.Equal(128, weights.Count);
        long halves = weights.Values.Where(w => w.DataType == TfJsDataType.Float32).Sum(w => (long)w.ElementCount);
        long ints = weights.Values.Where(w => w.DataType == TfJsDataType.Int32).Sum(w => (long)w.ElementCount);
        Assert.Equal(new FileInfo(Path.Combine(TestModelSources.HumanModelsDir, "faceres.bin")).Length, (halves * 2) + (ints * 4));
        Assert.All(weights.Values.Where(w => w.Floats is not null), w => Assert.All(w.Floats!, v => Assert.True(float.IsFinite(v), w.Name)));

        var kernel = weights["feats/kernel"];
        Assert.Equal([1024, 256], kernel.Shape);
        // Trained dense kernels are small and not constant.
        Assert.InRange(kernel.Floats!.Max(MathF.Abs), 1e-3f, 10f);
        Assert.True(kernel.Floats!.Distinct().Count() > 100);

        // Reference figures printed by TF.js 4.22 io.decodeWeights on the same file.
        Assert.Equal(-0.062744140625f, kernel.Floats![1]);
        Assert.Equal(-999.9498889446259, kernel.Floats!.Sum(v => (double)v), 6);
    }

    [Fact]
    public void Face_api_recognition_manifest_mixes_uint8_and_raw_float32_weights()
    {
        string path = Path.Combine(TestModelSources.FaceApiModelDir, "face_recognition_model-weights_manifest.json");
        var weights = TfJsWeightsReader.Read(path);

        Assert.Equal([7, 7, 3, 32], weights["conv32_down/conv/filters"].Shape);
        Assert.Equal([256, 128], weights["fc"].Shape);

        // uint8-quantised weights take at most 256 distinct values; the conv64 block is stored raw.
        Assert.True(weights["conv32_down/conv/filters"].Floats!.Distinct().Count() <= 256);
        Assert.True(weights["conv64_1/conv1/conv/filters"].Floats!.Distinct().Count() > 256);

        // Every manifest of the face-api package reads completely.
        foreach (var manifest in Directory.GetFiles(TestModelSources.FaceApiModelDir, "*-weights_manifest.json"))
        {
            Assert.NotEmpty(TfJsWeightsReader.Read(manifest));
        }
    }
}
