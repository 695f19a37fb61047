using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfLite;
using FaceAccord.Models.Onnx.Proto;
using FaceAccord.Models.Tests.Conversion.TfJs;
using Xunit.Abstractions;

namespace FaceAccord.Models.Tests.Conversion.TfLite;

/// <summary>
/// One tiny .tflite model per operator variant (padding, strides, dilations, depth multipliers, fused
/// activations, broadcasting, layouts, reshapes): the exact bytes TFLite ran are converted, run with ONNX
/// Runtime at batch 2 and compared with TFLite's output, max|onnx − tflite| / max|tflite| ≤ 1e-4.
/// </summary>
public sealed class TfLiteOpGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases => [.. TfLiteGoldenFiles.OpCaseNames];

    [Fact]
    public void Every_supported_operator_has_a_golden()
    {
        var covered = TfLiteGoldenFiles.OpCaseNames
            .SelectMany(n => TfLiteModel.Parse(TfLiteGoldenFiles.OpCase(n).Bytes).OperatorNames)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(TfLiteToOnnxConverter.SupportedOperators.Except(covered));
        Assert.True(TfLiteGoldenFiles.OpCaseNames.Count() >= 39, "the op goldens are missing; run tools/goldens/tflite/tflite-goldens.js");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converted_operator_matches_tflite(string name)
    {
        var golden = TfLiteGoldenFiles.OpCase(name);
        var model = TfLiteModel.Parse(golden.Bytes);
        byte[] onnx = TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions { DynamicBatch = !golden.FixedBatchOnly });

        var results = Run(onnx, golden, golden.Input.Shape[0]);
        Assert.Equal(golden.Outputs.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var expected = golden.Outputs[i];
            Assert.Equal(expected.Name, results[i].Name);
            Assert.Equal(expected.Shape.Select(d => (long)d), results[i].Shape);
            Assert.Contains(expected.Data, v => v != 0);
            double error = OnnxTestRunner.RelativeError(results[i].Data, expected.Data);
            output.WriteLine($"{name}/{expected.Name} [{string.Join(",", expected.Shape)}] ({string.Join(",", model.OperatorNames)}): relative error {error:E2}");
            Assert.True(error <= Tolerance, $"{name}/{expected.Name}: relative error {error:E3} > {Tolerance:E0}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_symbolic_batch_of_one_gives_the_first_sample(string name)
    {
        var golden = TfLiteGoldenFiles.OpCase(name);
        var options = new TfLiteConversionOptions();
        if (golden.FixedBatchOnly)
        {
            var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(TfLiteModel.Parse(golden.Bytes), options));
            Assert.Equal("unsupported-op", ex.Code);
            Assert.Contains("fixed batch", ex.Message, StringComparison.Ordinal);
            return;
        }

        byte[] onnx = TfLiteToOnnxConverter.Convert(TfLiteModel.Parse(golden.Bytes), options);
        var input = ModelProto.Parser.ParseFrom(onnx).Graph.Input.Single();
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);

        var single = Run(onnx, golden, batch: 1);
        for (int i = 0; i < single.Count; i++)
        {
            var expected = golden.Outputs[i].Data;
            Assert.Equal(1, single[i].Shape[0]);
            Assert.Equal(expected.Length / 2, single[i].Data.Length);
            double error = OnnxTestRunner.RelativeError(single[i].Data, expected.AsSpan(0, expected.Length / 2));
            Assert.True(error <= Tolerance, $"{name}/{golden.Outputs[i].Name}: batch 1 differs from TFLite's first sample by {error:E3}");
        }
    }

    [Fact]
    public void A_fixed_batch_keeps_the_declared_shapes()
    {
        var golden = TfLiteGoldenFiles.OpCase("mobilefacenet_block");
        byte[] onnx = TfLiteToOnnxConverter.Convert(TfLiteModel.Parse(golden.Bytes), new TfLiteConversionOptions { DynamicBatch = false });

        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        Assert.Equal([2, 8, 8, 3], graph.Input.Single().Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.Equal([2, 128], graph.Output[0].Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        var results = Run(onnx, golden, batch: 2);
        Assert.True(OnnxTestRunner.RelativeError(results[0].Data, golden.Outputs[0].Data) <= Tolerance);
    }

    [Fact]
    public void Convolutions_chain_in_nchw_without_transposes_between_them()
    {
        // stem conv → PReLU (RELU, ABS, SUB, MUL, ADD) → 1x1 conv → ...: one transpose in, one out per exported tensor.
        var golden = TfLiteGoldenFiles.OpCase("mobilefacenet_block");
        byte[] onnx = TfLiteToOnnxConverter.Convert(TfLiteModel.Parse(golden.Bytes), new TfLiteConversionOptions());

        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        Assert.Equal(2, graph.Node.Count(n => n.OpType == "Transpose"));
        Assert.Equal(4, graph.Node.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void Intermediate_tensors_can_be_exported()
    {
        var golden = TfLiteGoldenFiles.OpCase("mobilefacenet_block");
        byte[] onnx = TfLiteToOnnxConverter.Convert(
            TfLiteModel.Parse(golden.Bytes), new TfLiteConversionOptions { Outputs = ["residual"] });

        var results = Run(onnx, golden, batch: 2);
        Assert.Equal("residual", Assert.Single(results).Name);
        Assert.True(OnnxTestRunner.RelativeError(results[0].Data, golden.Outputs[1].Data) <= Tolerance);
        Assert.DoesNotContain(ModelProto.Parser.ParseFrom(onnx).Graph.Node, n => n.OpType == "Reshape");
    }

    private static List<(string Name, long[] Shape, float[] Data)> Run(byte[] onnx, TfLiteOpGolden golden, int batch)
    {
        int[] shape = [batch, .. golden.Input.Shape[1..]];
        var input = TfJsGoldenFiles.OpInput(golden.Input.Shape);
        int count = shape.Aggregate(1, (a, b) => a * b);
        return OnnxTestRunner.Run(onnx, input[..count], [.. shape.Select(d => (long)d)], golden.Input.Name);
    }
}
