using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FaceAccord.Packs.Recipes;

/// <summary>
/// One model pack as a recipe: the models it converts, which embedders make its templates, their fusion
/// weights and mirror averaging. Its <see cref="Digest"/> changes with anything that shapes templates, so
/// an installed pack or a shipped calibration made from another recipe is never reused.
/// </summary>
public sealed record PackDefinition
{
    /// <summary>Pack id; templates of different ids never mix.</summary>
    public required string Id { get; init; }

    /// <summary>One line for <c>models list</c>: what the pack is and why it exists.</summary>
    public required string Summary { get; init; }

    public required IReadOnlyList<ModelRecipe> Models { get; init; }

    /// <summary>Embedders whose fused score is the pack's similarity.</summary>
    public required IReadOnlyList<string> DefaultEmbedders { get; init; }

    /// <summary>Fusion weight per default embedder, same order.</summary>
    public IReadOnlyList<float> FusionWeights { get; init; } = [];

    /// <summary>Whether each face is averaged with its mirror image.</summary>
    public bool FlipAverage { get; init; }

    /// <summary>
    /// Calibration choices that do not shape templates (and so stay out of <see cref="Digest"/>): how scores are
    /// normalised, and which second embedder finds repeat people in the development data. Null: plain cosine, no
    /// repeat-person rule.
    /// </summary>
    public ScoringChoice? Scoring { get; init; }

    /// <summary>SHA-256 of everything in the recipe that shapes templates (models, preprocessing, templates, fusion).</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        Id,
        Models = Models.Select(DigestFields),
        DefaultEmbedders,
        FusionWeights,
        FlipAverage,
    }))));

    /// <summary>
    /// The fields of a model that shape its output. Fields added after the first pack appear only when set,
    /// so the first pack's digest, and with it its shipped calibration, stays valid.
    /// </summary>
    private static Dictionary<string, object?> DigestFields(ModelRecipe m)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Id"] = m.Id,
            ["Integrity"] = m.Package.Integrity,
            ["GraphModelJson"] = m.GraphModelJson,
            ["Outputs"] = m.Outputs.Select(o => o.TfTensor + "=" + o.OnnxName),
            ["InputSize"] = m.InputSize,
            ["Normalization"] = m.Normalization,
            ["AlignmentPoints"] = m.AlignmentPoints,
        };
        if (m.OnnxFile is { } onnx)
        {
            fields["OnnxFile"] = onnx.Path;
        }

        if (m.TfLiteFile is { } tflite)
        {
            fields["TfLiteFile"] = tflite;
        }

        if (m.InputLayout != FaceAccord.Models.Packs.TensorLayout.Nhwc)
        {
            fields["InputLayout"] = m.InputLayout.ToString();
        }

        return fields;
    }
}
