using FaceAccord.Models.Onnx;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;

namespace FaceAccord.Packs.Recipes;

/// <summary>How to make one model of a pack: its source, its converter inputs and its manifest entry data.</summary>
public sealed record ModelRecipe
{
    public required string Id { get; init; }

    public required ModelRole Role { get; init; }

    public required NpmPackageSpec Package { get; init; }

    /// <summary>For TF.js graph models: model.json path inside the package.</summary>
    public string? GraphModelJson { get; init; }

    /// <summary>For models the package ships as ONNX: the file inside the package and the graph it must have.</summary>
    public (string Path, OnnxImportExpectation Expected)? OnnxFile { get; init; }

    /// <summary>For TFLite models: the .tflite file inside the package, converted by our own converter.</summary>
    public string? TfLiteFile { get; init; }

    /// <summary>TF tensors to export, in order, with the ONNX output names the pipeline expects.</summary>
    public IReadOnlyList<(string TfTensor, string OnnxName)> Outputs { get; init; } = [];

    public required int InputSize { get; init; }

    /// <summary>How the model's input tensor is laid out (TF.js and TFLite models NHWC, PyTorch exports NCHW).</summary>
    public TensorLayout InputLayout { get; init; } = TensorLayout.Nhwc;

    public required PixelNormalization Normalization { get; init; }

    public int EmbeddingSize { get; init; }

    public IReadOnlyList<float>? AlignmentPoints { get; init; }

    public required string Provenance { get; init; }

    public required string Licence { get; init; }

    /// <summary>What is not known about how the model was made (training data, origin), stated on the model card.</summary>
    public string? Unknowns { get; init; }
}
