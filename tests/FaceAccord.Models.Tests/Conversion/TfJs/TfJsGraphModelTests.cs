using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.TestSupport;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>Parsing model.json: the GraphDef JSON encodings (base64 strings, int64 as strings) and malformed files.</summary>
public sealed class TfJsGraphModelTests
{
    [Fact]
    public void Real_model_parses_with_decoded_attributes()
    {
        var model = TfJsGraphModel.Load(Path.Combine(TestModelSources.HumanModelsDir, "blazeface-back.json"));

        Assert.Equal("graph-model", model.Format);
        Assert.Equal(TestModelSources.HumanModelsDir.TrimEnd('/'), model.BaseDirectory.TrimEnd('/'));
        var conv = model.FindNode("StatefulPartitionedCall/functional_1/conv2d/Relu")!;
        Assert.Equal("_FusedConv2D", conv.Op);
        Assert.Equal(["input", "unknown", "unknown_0"], conv.Inputs);
        Assert.Equal("SAME", conv.GetString("padding"));
        Assert.Equal([1L, 2L, 2L, 1L], conv.GetInts("strides")!);
        Assert.Equal(["BiasAdd", "Relu"], conv.GetStrings("fused_ops")!);
        Assert.Equal(1L, conv.GetInt("num_args"));
        Assert.Equal([null, 256L, 256L, 3L], model.FindNode("input")!.GetShape("shape")!.Select((d, i) => i == 0 ? null : d));
        Assert.Empty(conv.GetInts("explicit_paddings")!);
    }

    [Theory]
    [InlineData("{ not json", "invalid-model-json")]
    [InlineData("[]", "invalid-model-json")]
    [InlineData("""{"format":"layers-model","modelTopology":{},"weightsManifest":[]}""", "not-a-graph-model")]
    [InlineData("""{"format":"graph-model","weightsManifest":[]}""", "invalid-model-json")]
    [InlineData("""{"modelTopology":{"node":[]}}""", "invalid-model-json")]
    [InlineData("""{"modelTopology":{"node":[{"op":"Relu"}]},"weightsManifest":[]}""", "invalid-model-json")]
    [InlineData("""{"modelTopology":{"node":[{"name":"a","op":"Relu"},{"name":"a","op":"Relu"}]},"weightsManifest":[]}""", "invalid-model-json")]
    // Found by fuzzing (tests/FaceAccord.Fuzz, target tfjs-model): these escaped as InvalidOperationException.
    [InlineData("""{"modelTopology":{"node":[{"name":"a","op":"Relu","input":[{"x":1}]}]},"weightsManifest":[]}""", "invalid-model-json")]
    [InlineData("""{"modelTopology":{"node":[{"name":"a","op":"Relu","input":[null]}]},"weightsManifest":[]}""", "invalid-model-json")]
    [InlineData("""{"modelTopology":{"node":[7]},"weightsManifest":[]}""", "invalid-model-json")]
    public void Malformed_model_json_is_bad_input(string json, string code)
    {
        var e = Assert.Throws<FaceAccordException>(() => TfJsGraphModel.Parse(json, "."));

        Assert.Equal(code, e.Code);
        Assert.Equal(ErrorKind.BadInput, e.Kind);
    }

    [Fact]
    public void Missing_file_is_not_found()
    {
        var e = Assert.Throws<FaceAccordException>(() => TfJsGraphModel.Load("/nonexistent/model.json"));

        Assert.Equal("model-not-found", e.Code);
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void Control_inputs_are_not_data_inputs()
    {
        var model = TfJsGraphModel.Parse(
            """{"modelTopology":{"node":[{"name":"x","op":"Placeholder"},{"name":"y","op":"Relu","input":["x","^x"]}]},"weightsManifest":[]}""", ".");

        Assert.Equal(["x"], model.FindNode("y")!.DataInputs);
    }
}
