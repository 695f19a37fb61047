using System.Text.Json.Nodes;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx.Proto;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>
/// One tiny graph per op variant (SAME/VALID/EXPLICIT, strides, dilations, asymmetric pads, depthwise
/// multipliers, fused activations, reduction axes, reshape/concat axes, quantised weights): the exact
/// model.json TF.js ran is converted, run with ONNX Runtime at batch 2 and compared to TF.js's output.
/// </summary>
public sealed class TfJsOpGoldenTests : IDisposable
{
    private const double Tolerance = 1e-4;

    private readonly string _dir = Directory.CreateTempSubdirectory("faceaccord-tfjs-op-").FullName;

    public static TheoryData<string> Cases => [.. TfJsGoldenFiles.OpCaseNames];

    [Fact]
    public void Every_op_variant_has_a_golden()
    {
        Assert.True(TfJsGoldenFiles.OpCaseNames.Count() >= 55, "the op goldens are missing; run tools/goldens/tfjs-goldens.js");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converted_graph_matches_tfjs(string name)
    {
        var golden = TfJsGoldenFiles.OpCase(name);
        File.WriteAllBytes(Path.Combine(_dir, "weights.bin"), Convert.FromBase64String(golden.WeightsBase64));
        var model = TfJsGraphModel.Parse(golden.ModelJson, _dir);
        var outputs = golden.Outputs.Select((o, i) => new TfJsOutput(o.Name, $"out{i}")).ToList();

        byte[] onnx = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions { InputPlaceholder = golden.Input.Name, Outputs = outputs });
        var input = TfJsGoldenFiles.OpInput(golden.Input.Shape);
        var results = OnnxTestRunner.Run(onnx, input, golden.Input.Shape.Select(d => (long)d).ToArray());

        Assert.Equal(golden.Outputs.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var expected = golden.Outputs[i];
            Assert.Equal($"out{i}", results[i].Name);
            Assert.Equal(expected.Shape.Select(d => (long)d), results[i].Shape);
            Assert.Contains(expected.Data, v => v != 0);
            double error = OnnxTestRunner.RelativeError(results[i].Data, expected.Data);
            Assert.True(error <= Tolerance, $"{name}/{expected.Name}: relative error {error:E3} > {Tolerance:E0}");
        }
    }

    [Fact]
    public void Constant_subgraphs_are_folded()
    {
        var golden = TfJsGoldenFiles.OpCase("identity_const_folding");
        File.WriteAllBytes(Path.Combine(_dir, "weights.bin"), Convert.FromBase64String(golden.WeightsBase64));

        byte[] onnx = TfJsToOnnxConverter.Convert(
            TfJsGraphModel.Parse(golden.ModelJson, _dir), new TfJsConversionOptions { Outputs = [new("y", "y")] });

        // AddV2(Const, Const) and the Identity ops leave no node behind: only the Mul and the output Identity.
        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        Assert.Equal(["Mul", "Identity"], graph.Node.Select(n => n.OpType));
        Assert.Equal(3, Assert.Single(graph.Initializer).Dims[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unknown_spatial_size_still_pads_like_tfjs(bool giveInputShape)
    {
        // The asymmetric-padding case with H and W left unknown: either ONNX SAME_UPPER decides the pads at
        // run time, or InputShape supplies the size and the pads are explicit again.
        var golden = TfJsGoldenFiles.OpCase("conv2d_same_s2_asym");
        var json = JsonNode.Parse(golden.ModelJson)!;
        var placeholder = json["modelTopology"]!["node"]!.AsArray().Single(n => (string?)n!["name"] == "x")!;
        foreach (var dim in placeholder["attr"]!["shape"]!["shape"]!["dim"]!.AsArray().Take(3))
        {
            dim!["size"] = "-1";
        }

        File.WriteAllBytes(Path.Combine(_dir, "weights.bin"), Convert.FromBase64String(golden.WeightsBase64));
        var model = TfJsGraphModel.Parse(json.ToJsonString(), _dir);
        byte[] onnx = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
        {
            Outputs = [new("y", "y")],
            InputShape = giveInputShape ? golden.Input.Shape[1..].Select(d => (long)d).ToArray() : null,
        });

        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        var conv = graph.Node.Single(n => n.OpType == "Conv");
        Assert.Equal(giveInputShape ? "pads" : "auto_pad", conv.Attribute.Single(a => a.Name is "pads" or "auto_pad").Name);
        var result = OnnxTestRunner.Run(onnx, TfJsGoldenFiles.OpInput(golden.Input.Shape), golden.Input.Shape.Select(d => (long)d).ToArray());
        Assert.Equal(golden.Outputs[0].Shape.Select(d => (long)d), result[0].Shape);
        Assert.True(OnnxTestRunner.RelativeError(result[0].Data, golden.Outputs[0].Data) <= Tolerance);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
