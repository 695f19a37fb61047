using FaceAccord.Core;

namespace FaceAccord.Vision;

/// <summary>
/// Which face of a photo enrolment, verification and search act on: the largest confident face, so a bystander or
/// a weak detection never takes the subject's place; and whether another face makes that choice ambiguous.
/// </summary>
public static class ProminentFace
{
    /// <summary>Score from which a detection is a confident face; measured true faces of portraits score 0.73–0.97.</summary>
    public const float ConfidentScore = 0.7f;

    /// <summary>A second face larger than this share of the prominent face's area is comparable in size.</summary>
    public const float ComparableArea = 0.5f;

    /// <summary>The largest face scoring at least <see cref="ConfidentScore"/>, else the largest face; null when there is none.</summary>
    public static DetectedFace? Of(IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return faces.Where(f => f.Score >= ConfidentScore).MaxBy(f => f.Box.Area) ?? faces.MaxBy(f => f.Box.Area);
    }

    /// <summary>
    /// Another face that is itself a plausible, comparable face: more than half the prominent face's area and at
    /// least as confident as it or confident in its own right. Null when the choice is clear.
    /// </summary>
    public static DetectedFace? Rival(IReadOnlyList<DetectedFace> faces, DetectedFace prominent)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(prominent);
        float plausible = Math.Min(ConfidentScore, prominent.Score);
        return faces.Where(f => !ReferenceEquals(f, prominent) && f.Box.Area > ComparableArea * prominent.Box.Area && f.Score >= plausible)
            .MaxBy(f => f.Box.Area);
    }
}
