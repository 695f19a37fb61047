using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfJs;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>
/// What the converter refuses and how it says so: unsupported ops are named with their nodes before any
/// work is done, unsupported variants of supported ops name the node and the reason, and options that
/// cannot be honoured are rejected with stable codes.
/// </summary>
public sealed class TfJsConverterErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceaccord-tfjs-err-").FullName;

    [Fact]
    public void Unsupported_ops_are_named_with_their_nodes()
    {
        var graph = new TfJsTestGraph()
            .Placeholder("x", -1, 4, 4, 3)
            .Node("block/cumsum", "Cumsum", ["x"])
            .Node("block/erf", "Erf", ["block/cumsum"])
            .Node("block/erf_2", "Erf", ["block/erf"])
            .Node("y", "Relu", ["block/erf_2"]);

        var e = Assert.Throws<FaceAccordException>(() => Convert(graph, ("y", "out")));

        Assert.Equal("unsupported-op", e.Code);
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("Cumsum (node 'block/cumsum')", e.Message, StringComparison.Ordinal);
        Assert.Contains("Erf (nodes 'block/erf', 'block/erf_2')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_ops_outside_the_requested_outputs_are_pruned_not_reported()
    {
        var graph = new TfJsTestGraph()
            .Placeholder("x", -1, 4, 4, 3)
            .Node("y", "Relu", ["x"])
            .Node("unused", "Cumsum", ["x"]);

        byte[] onnx = Convert(graph, ("y", "out"));

        var result = OnnxTestRunner.Run(onnx, [.. Enumerable.Range(0, 48).Select(i => i - 24f)], [1, 4, 4, 3]);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => Math.Max(i - 24f, 0f)), result[0].Data);
    }

    [Fact]
    public void Unsupported_fused_activation_names_the_node_and_the_activation()
    {
        var graph = new TfJsTestGraph()
            .Placeholder("x", -1, 4, 4, 3)
            .Const("w", [1, 1, 3, 2], i => i)
            .Const("b", [2], i => i)
            .Node("conv/fused", "_FusedConv2D", ["x", "w", "b"], TfJsTestGraph.ConvAttributes("VALID", "BiasAdd", "Tanh"));

        var e = Assert.Throws<FaceAccordException>(() => Convert(graph, ("conv/fused", "out")));

        Assert.Equal("unsupported-op", e.Code);
        Assert.Contains("conv/fused", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tanh", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nchw_data_format_is_refused_by_name()
    {
        var attr = TfJsTestGraph.ConvAttributes("VALID");
        attr["data_format"] = TfJsTestGraph.Str("NCHW");

        var e = Assert.Throws<FaceAccordException>(() => Convert(OneConv(attr), ("conv", "out")));

        Assert.Equal("unsupported-op", e.Code);
        Assert.Contains("NCHW", e.Message, StringComparison.Ordinal);
    }

    // Found by fuzzing (tests/FaceAccord.Fuzz, target tfjs-model): a shape size that is not a number escaped as
    // FormatException, and an attribute of the wrong JSON kind as InvalidOperationException.
    [Theory]
    [InlineData("""{"shape":{"dim":[{"size":"2g"}]}}""")]
    [InlineData("""{"shape":{"dim":[{"size":true}]}}""")]
    [InlineData("""{"shape":{"dim":[7]}}""")]
    [InlineData("""{"shape":{"dim":[{"size":"99999999999999999999"}]}}""")]
    public void A_malformed_attribute_is_bad_input_naming_the_node_and_attribute(string shapeAttribute)
    {
        string json = $$$"""
            {"modelTopology":{"node":[
              {"name":"x","op":"Placeholder","attr":{"shape":{{{shapeAttribute}}}}},
              {"name":"y","op":"Relu","input":["x"]}]},
             "weightsManifest":[]}
            """;
        var model = TfJsGraphModel.Parse(json, _dir);

        var e = Assert.Throws<FaceAccordException>(() => TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions { Outputs = [new TfJsOutput("y", "out")] }));

        Assert.Equal("invalid-model-json", e.Code);
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("Node 'x' has a malformed 'shape' attribute", e.Message, StringComparison.Ordinal);
    }

    // Found by fuzzing: a zero stride divided by zero in TF's window arithmetic. A zero dilation is as meaningless
    // (TF requires at least 1) and is refused the same way.
    [Theory]
    [InlineData("strides", "VALID")]
    [InlineData("strides", "SAME")]
    [InlineData("dilations", "VALID")]
    public void A_zero_stride_or_dilation_is_refused_by_name(string attribute, string padding)
    {
        var attr = TfJsTestGraph.ConvAttributes(padding);
        attr[attribute] = TfJsTestGraph.Ints(1, 0, 1, 1);

        var e = Assert.Throws<FaceAccordException>(() => Convert(OneConv(attr), ("conv", "out")));

        Assert.Equal("unsupported-op", e.Code);
        Assert.Contains($"{attribute} [1,0,1,1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_output_and_input_names_are_reported()
    {
        var graph = new TfJsTestGraph().Placeholder("x", -1, 4, 4, 3).Node("y", "Relu", ["x"]);

        Assert.Equal("unknown-output", Assert.Throws<FaceAccordException>(() => Convert(graph, ("nope", "out"))).Code);
        var model = TfJsGraphModel.Parse(graph.Write(_dir), _dir);
        var e = Assert.Throws<FaceAccordException>(() => TfJsToOnnxConverter.Convert(
            model, new TfJsConversionOptions { InputPlaceholder = "y", Outputs = [new("y", "out")] }));
        Assert.Equal("unknown-input", e.Code);
    }

    [Fact]
    public void A_second_placeholder_on_the_path_is_refused()
    {
        var graph = new TfJsTestGraph()
            .Placeholder("x", -1, 4, 4, 3)
            .Placeholder("mask", -1, 4, 4, 3)
            .Node("y", "Mul", ["x", "mask"]);

        var e = Assert.Throws<FaceAccordException>(() => Convert(graph, ("y", "out")));

        Assert.Equal("extra-input", e.Code);
        Assert.Contains("'mask'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("dup")]
    public void Clashing_output_names_are_refused(string second)
    {
        var graph = new TfJsTestGraph().Placeholder("x", -1, 4, 4, 3).Node("y", "Relu", ["x"]);

        var e = Assert.Throws<FaceAccordException>(() => Convert(graph, ("y", "dup"), ("y", second)));

        Assert.Equal("invalid-conversion-options", e.Code);
    }

    [Fact]
    public void Output_named_like_a_tf_node_keeps_its_exact_name()
    {
        var graph = new TfJsTestGraph().Placeholder("x", -1, 4, 4, 3).Node("y", "Relu", ["x"]).Node("z", "Neg", ["y"]);

        byte[] onnx = Convert(graph, ("z", "y"), ("y", "z"));

        var result = OnnxTestRunner.Run(onnx, [.. Enumerable.Repeat(2f, 48)], [1, 4, 4, 3]);
        Assert.Equal(["y", "z"], result.Select(r => r.Name));
        Assert.All(result[0].Data, v => Assert.Equal(-2f, v));
        Assert.All(result[1].Data, v => Assert.Equal(2f, v));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A 1×1 convolution of a 4×4×3 input with the given attributes.</summary>
    private static TfJsTestGraph OneConv(System.Text.Json.Nodes.JsonObject attributes) =>
        new TfJsTestGraph()
            .Placeholder("x", -1, 4, 4, 3)
            .Const("w", [1, 1, 3, 2], i => i)
            .Node("conv", "Conv2D", ["x", "w"], attributes);

    private byte[] Convert(TfJsTestGraph graph, params (string Tf, string Onnx)[] outputs)
    {
        var model = TfJsGraphModel.Parse(graph.Write(_dir), _dir);
        return TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
        {
            InputPlaceholder = "x",
            Outputs = outputs.Select(o => new TfJsOutput(o.Tf, o.Onnx)).ToList(),
        });
    }
}
