using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;

namespace FaceAccord.Packs.Recipes;

/// <summary>How to make one model of a pack: its source, its converter inputs and its manifest entry data.</summary>
public sealed record ModelRecipe
{
    public required string Id { get; init; }

    public required ModelRole Role { get; init; }

    public required NpmPackageSpec Package { get; init; }

    /// <summary>For TF.js graph models: model.json path inside the package; null for the dlib ResNet.</summary>
    public string? GraphModelJson { get; init; }

    /// <summary>TF tensors to export, in order, with the ONNX output names the pipeline expects.</summary>
    public IReadOnlyList<(string TfTensor, string OnnxName)> Outputs { get; init; } = [];

    public required int InputSize { get; init; }

    public required PixelNormalization Normalization { get; init; }

    public int EmbeddingSize { get; init; }

    public IReadOnlyList<float>? AlignmentPoints { get; init; }

    public required string Provenance { get; init; }

    public required string Licence { get; init; }
}
