using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.Models.Onnx.Proto;
using FaceAccord.TestSupport;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>
/// The structure of converted real models: only what the requested outputs need (FaceRes's embedding
/// model carries no gender or age head), TF.js's NHWC interface with a symbolic batch, and NCHW kept
/// inside so transposes appear only at the edges.
/// </summary>
public sealed class TfJsPruningTests
{
    private static readonly Lazy<TfJsGraphModel> FaceRes = new(() =>
        TfJsGraphModel.Load(Path.Combine(TestModelSources.HumanModelsDir, "faceres.json")));

    [Fact]
    public void Embedding_only_faceres_has_no_gender_or_age_head()
    {
        var model = Convert(FaceRes.Value, "input_1", ("global_pooling/Mean", "embedding"));

        var ops = model.Graph.Node.Select(n => n.OpType).ToList();
        Assert.DoesNotContain("Sigmoid", ops);
        Assert.DoesNotContain("Softmax", ops);
        Assert.DoesNotContain("Gemm", ops);
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name.Contains("pred", StringComparison.Ordinal) || t.Name.Contains("feats", StringComparison.Ordinal));
        var output = Assert.Single(model.Graph.Output);
        Assert.Equal("embedding", output.Name);
        Assert.Equal("batch", output.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(1024, output.Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void Requesting_the_heads_brings_them_in()
    {
        var model = Convert(
            FaceRes.Value, "input_1", ("global_pooling/Mean", "embedding"), ("gender_pred/Sigmoid", "gender"), ("age_pred/Softmax:0", "age"));

        var ops = model.Graph.Node.Select(n => n.OpType).ToList();
        Assert.Contains("Sigmoid", ops);
        Assert.Contains("Softmax", ops);
        Assert.Equal(3, ops.Count(o => o == "Gemm"));
        Assert.Equal(["embedding", "gender", "age"], model.Graph.Output.Select(o => o.Name));
    }

    [Fact]
    public void Input_is_nhwc_with_a_symbolic_batch_and_convolutions_stay_nchw()
    {
        var model = Convert(FaceRes.Value, "input_1", ("global_pooling/Mean", "embedding"));

        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(TfJsConversionOptions.OnnxInputName, input.Name);
        var dims = input.Type.TensorType.Shape.Dim;
        Assert.Equal("batch", dims[0].DimParam);
        Assert.Equal([224L, 224L, 3L], dims.Skip(1).Select(d => d.DimValue));

        // One transpose into NCHW at the input; the global mean over H,W needs none back.
        Assert.Equal(1, model.Graph.Node.Count(n => n.OpType == "Transpose"));
        Assert.Equal(27, model.Graph.Node.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void Blazeface_reshapes_keep_the_batch_and_transpose_only_where_order_matters()
    {
        var blazeface = TfJsGraphModel.Load(Path.Combine(TestModelSources.HumanModelsDir, "blazeface-back.json"));

        var model = Convert(blazeface, "input", ("Identity", "a"), ("Identity_1", "b"), ("Identity_2", "c"), ("Identity_3", "d"));

        // Input to NCHW once, then back to NHWC once per reshaped head.
        Assert.Equal(5, model.Graph.Node.Count(n => n.OpType == "Transpose"));
        var shapes = model.Graph.Initializer.Where(t => t.Name.EndsWith("/shape", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, shapes.Count);
        Assert.All(shapes, t => Assert.Equal(0L, BitConverter.ToInt64(t.RawData.Span[..8])));
        Assert.All(model.Graph.Output, o => Assert.Equal("batch", o.Type.TensorType.Shape.Dim[0].DimParam));
    }

    [Fact]
    public void Metadata_records_the_source_and_caller_keys()
    {
        var model = Convert(FaceRes.Value, "input_1", ("global_pooling/Mean", "embedding"));

        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("tfjs-graph-model", meta["source_format"]);
        Assert.Equal("embedding=global_pooling/Mean", meta["tfjs_outputs"]);
        Assert.Equal("input_1", meta["tfjs_input"]);
        Assert.Equal("test", meta["caller"]);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
    }

    private static ModelProto Convert(TfJsGraphModel model, string input, params (string Tf, string Onnx)[] outputs)
    {
        byte[] bytes = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
        {
            InputPlaceholder = input,
            Outputs = outputs.Select(o => new TfJsOutput(o.Tf, o.Onnx)).ToList(),
            Metadata = new Dictionary<string, string> { ["caller"] = "test" },
        });
        return ModelProto.Parser.ParseFrom(bytes);
    }
}
