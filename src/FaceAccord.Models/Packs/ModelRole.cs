namespace FaceAccord.Models.Packs;

/// <summary>What a model in a pack is for; the pipeline picks models by role, never by file name.</summary>
public enum ModelRole
{
    Detector,
    Embedder,
}
