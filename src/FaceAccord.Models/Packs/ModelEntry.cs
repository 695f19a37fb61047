namespace FaceAccord.Models.Packs;

/// <summary>
/// The manifest's record of one converted model: where it came from, how to feed it, what it gives.
/// Everything the pipeline needs to run the model is here, so a model is recognised by its metadata.
/// </summary>
public sealed record ModelEntry
{
    public required string Id { get; init; }

    public required ModelRole Role { get; init; }

    /// <summary>ONNX file name inside the pack folder.</summary>
    public required string File { get; init; }

    public required string Sha256 { get; init; }

    public required string SourcePackage { get; init; }

    public required string SourceVersion { get; init; }

    public required IReadOnlyList<SourceFile> SourceFiles { get; init; }

    public required int InputWidth { get; init; }

    public required int InputHeight { get; init; }

    public required TensorLayout InputLayout { get; init; }

    public required PixelNormalization Normalization { get; init; }

    /// <summary>Embedding length for embedders; 0 for detectors.</summary>
    public int EmbeddingSize { get; init; }

    /// <summary>For embedders: where left eye, right eye, nose and mouth go in the input crop (x, y pairs, pixels).</summary>
    public IReadOnlyList<float>? AlignmentPoints { get; init; }

    public required string Provenance { get; init; }

    public required string Licence { get; init; }

    /// <summary>What is not known about how the model was made (training data, origin); null when its source states it.</summary>
    public string? Unknowns { get; init; }
}
