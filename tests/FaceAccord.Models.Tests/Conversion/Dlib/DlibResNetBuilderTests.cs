using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.Dlib;
using FaceAccord.Models.Conversion.Weights;
using FaceAccord.TestSupport;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FaceAccord.Models.Tests.Conversion.Dlib;

public sealed class DlibResNetBuilderTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Model = new(() => DlibResNetBuilder.Build(TestModelSources.FaceApiModelDir));

    [Fact]
    public void Matches_face_api_descriptors_to_1e_4_of_their_scale()
    {
        var clock = Stopwatch.StartNew();
        byte[] model = DlibResNetBuilder.Build(TestModelSources.FaceApiModelDir);
        clock.Stop();
        output.WriteLine($"build {clock.ElapsedMilliseconds} ms, ONNX {model.Length} bytes");

        float[] actual = Run(model, DlibGoldenInput.Create(), DlibGoldenInput.Batch);
        float[] expected = ReadGolden();

        Assert.Equal(expected.Length, actual.Length);
        float maxDiff = 0, maxRef = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }

        output.WriteLine($"max|a-b| = {maxDiff:E3}, max|b| = {maxRef:E3}, ratio = {maxDiff / maxRef:E3}");
        Assert.True(maxRef > 0.01f, "The golden is degenerate.");
        Assert.True(maxDiff / maxRef <= 1e-4f, $"max|a-b|/max|b| = {maxDiff / maxRef:E3} exceeds 1e-4.");
    }

    [Fact]
    public void Declares_nhwc_input_and_128_d_output_and_keeps_batch_items_independent()
    {
        using var session = new InferenceSession(Model.Value);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(DlibResNetBuilder.InputName, input.Key);
        Assert.Equal([-1, 150, 150, 3], input.Value.Dimensions);
        var outputMeta = Assert.Single(session.OutputMetadata);
        Assert.Equal(DlibResNetBuilder.OutputName, outputMeta.Key);
        Assert.Equal([-1, 128], outputMeta.Value.Dimensions);

        // The second image alone must give the second row of the batch.
        float[] batch = Run(Model.Value, DlibGoldenInput.Create(), 2);
        float[] single = Run(Model.Value, DlibGoldenInput.Create(batch: 1, firstImage: 1), 1);
        for (int i = 0; i < 128; i++)
        {
            Assert.Equal(batch[128 + i], single[i], 1e-5f);
        }

        Assert.NotEqual(batch[..128], batch[128..]);
    }

    [Fact]
    public void A_missing_weight_is_reported_by_name()
    {
        var weights = ReadWeights();
        weights.Remove("conv128_1/conv2/scale/biases");

        var e = Assert.Throws<FaceAccordException>(() => DlibResNetBuilder.Build(weights));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains("'conv128_1/conv2/scale/biases'", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_of_the_wrong_shape_is_reported_by_name()
    {
        var weights = ReadWeights();
        var fc = weights["fc"];
        weights["fc"] = new TfJsWeight("fc", [128, 256], TfJsDataType.Float32, fc.Floats, null);

        var e = Assert.Throws<FaceAccordException>(() => DlibResNetBuilder.Build(weights));
        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains("'fc'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[256,128]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_the_manifest_is_bad_input()
    {
        var e = Assert.Throws<FaceAccordException>(() => DlibResNetBuilder.Build(Path.GetTempPath()));
        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains(DlibResNetBuilder.ManifestFileName, e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, TfJsWeight> ReadWeights() =>
        new(TfJsWeightsReader.Read(Path.Combine(TestModelSources.FaceApiModelDir, DlibResNetBuilder.ManifestFileName)), StringComparer.Ordinal);

    private static float[] Run(byte[] model, float[] pixels, int batch)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, 150, 150, 3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [DlibResNetBuilder.InputName], [input], [DlibResNetBuilder.OutputName]);
        var result = outputs[0];
        Assert.Equal([batch, 128], result.GetTensorTypeAndShape().Shape);
        return result.GetTensorDataAsSpan<float>().ToArray();
    }

    // Located from this source file, so it works whatever artifacts path the tests were built into.
    private static float[] ReadGolden([CallerFilePath] string thisFile = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "Goldens", "dlib", "face-recognition.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("embeddings").EnumerateArray()
            .SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle()))
            .ToArray();
    }
}
