using System.Text.Json;
using System.Text.Json.Serialization;
using FaceAccord.Core;

namespace FaceAccord.Models.Packs;

/// <summary>
/// manifest.json of an installed model pack: its id, the models it holds and the embedder that
/// verification uses. Written last during install, so its presence means the pack is complete.
/// </summary>
public sealed record PackManifest
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public required string PackId { get; init; }

    public required int FormatVersion { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required IReadOnlyList<ModelEntry> Models { get; init; }

    /// <summary>Ids of the embedders whose scores make the pack's similarity (fused when several).</summary>
    public required IReadOnlyList<string> DefaultEmbedders { get; init; }

    /// <summary>Digest of the recipe the pack was built from; a changed recipe makes the installer rebuild.</summary>
    public string RecipeDigest { get; init; } = string.Empty;

    /// <summary>Weight of each default embedder in score fusion (same order); empty means equal weights.</summary>
    public IReadOnlyList<float> FusionWeights { get; init; } = [];

    /// <summary>Whether templates average the face with its mirror image (chosen on development data).</summary>
    public bool FlipAverage { get; init; }

    /// <summary>Outcome of the install-time self-test of each embedder, in words and numbers.</summary>
    public IReadOnlyList<SelfTestResult> SelfTests { get; init; } = [];

    public ModelEntry Model(string id) =>
        Models.FirstOrDefault(m => m.Id == id)
        ?? throw FaceAccordException.NotFound("model-not-in-pack", $"Pack {PackId} has no model '{id}'.");

    /// <summary>Fusion weight of an embedder: its listed weight, else 1.</summary>
    public float FusionWeight(string id)
    {
        for (int i = 0; i < DefaultEmbedders.Count && i < FusionWeights.Count; i++)
        {
            if (DefaultEmbedders[i] == id)
            {
                return FusionWeights[i];
            }
        }

        return 1f;
    }

    public ModelEntry Detector => Models.First(m => m.Role == ModelRole.Detector);

    public static PackManifest Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PackManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new JsonException("empty manifest");
        }
        catch (JsonException e)
        {
            throw FaceAccordException.Environment("pack-manifest-invalid", $"The pack manifest {path} is unreadable ({e.Message}); run 'faceaccord models install --force'.", e);
        }
    }

    public void Save(string path)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(tmp, path, overwrite: true);
    }
}
