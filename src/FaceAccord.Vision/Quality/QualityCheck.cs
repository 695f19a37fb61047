namespace FaceAccord.Vision.Quality;

/// <summary>
/// Stable names of the quality checks a face can fail; they reach API answers and audit records, so they
/// are never renamed once published.
/// </summary>
public static class QualityCheck
{
    /// <summary>Eyes closer than the rule's minimum, or the face box too small.</summary>
    public const string FaceTooSmall = "face-too-small";

    /// <summary>Head turned left or right too far.</summary>
    public const string PoseYaw = "pose-yaw";

    /// <summary>Head tilted towards a shoulder too far.</summary>
    public const string PoseRoll = "pose-roll";

    /// <summary>Head nodding up or down too far.</summary>
    public const string PosePitch = "pose-pitch";

    /// <summary>Aligned crop not sharp enough (out of focus, motion blur, or upscaled from few pixels).</summary>
    public const string Blurry = "blurry";

    /// <summary>Face too dark on average.</summary>
    public const string TooDark = "too-dark";

    /// <summary>Face too bright on average.</summary>
    public const string TooBright = "too-bright";

    /// <summary>Too much of the face blown out to white.</summary>
    public const string Overexposed = "overexposed";
}
