namespace FaceAccord.Vision.Detection;

/// <summary>
/// Whether a candidate's keypoints sit where a face's do: the eyes of a real face lie a good part of the box apart
/// (0.42 of its width for a frontal face, about 0.15 for a face turned three-quarters away), while a "face" in a wall
/// or in hair often puts both eyes on one spot (0.055 for one measured on a synthetic portrait).
/// </summary>
internal static class LandmarkGeometry
{
    /// <summary>True when the eyes (keypoints 0 and 1) are at least <paramref name="minEyeSpan"/> of the box width apart.</summary>
    public static bool IsPlausible(FaceCandidate candidate, float minEyeSpan)
    {
        var k = candidate.Keypoints;
        float dx = k[2] - k[0], dy = k[3] - k[1];
        return MathF.Sqrt((dx * dx) + (dy * dy)) >= minEyeSpan * candidate.Box.Width;
    }
}
