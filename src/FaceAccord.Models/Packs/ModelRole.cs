namespace FaceAccord.Models.Packs;

/// <summary>What a model in a pack is for; the pipeline picks models by role, never by file name.</summary>
public enum ModelRole
{
    Detector,
    Embedder,

    /// <summary>Estimates head pose (yaw, pitch, roll) for the quality rule; never anything about the person.</summary>
    HeadPose,
}
